package com.aliasimport.sending;

import com.aliasimport.net.HttpNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.HttpHeaders;

/**
 * Sends one request at a time per calling thread over a pool of kept-alive connections (Apache HttpClient 5,
 * classic blocking I/O): a fraction of the CPU per request of the JDK HttpClient behind Spring's RestClient, whose
 * asynchronous machinery (and a thread per request to watch the read timeout) was the limit at thousands of rows a
 * second on two cores.
 *
 * <p>No automatic retries (the pipeline decides, and counts attempts), no redirects (a redirected POST is a wrong
 * URL), the connect timeout on connecting and the read timeout on every read of the answer. It says when a request
 * has left this machine (after flushing it to the socket), which is when the server can count it.
 */
public final class HttpTransport implements AutoCloseable {

    private static final String ON_WRITTEN = HttpTransport.class.getName() + ".onWritten";

    private final CloseableHttpClient client;

    public HttpTransport(Duration connectTimeout, Duration readTimeout, int connections) {
        this(HttpNetwork.systemDefault(), connectTimeout, readTimeout, connections);
    }

    /** @param network the trusted CAs and the proxies (the token client uses the same) */
    public HttpTransport(HttpNetwork network, Duration connectTimeout, Duration readTimeout, int connections) {
        this.client = network.clientBuilder(connectTimeout, readTimeout, connections)
                .setRequestExecutor(new SignallingRequestExecutor())
                .disableAuthCaching()
                .build();
    }

    /**
     * Sends {@code call} with this bearer token. An I/O failure means no (complete) answer came.
     *
     * @param written told once the request has been flushed to the connection (not told if it never was)
     */
    public Reply exchange(ApiCall call, String token, Runnable written) throws IOException {
        var request = new HttpUriRequestBase(call.method(), call.uri());
        request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        if (call.body() != null) {
            request.setEntity(new ByteArrayEntity(call.body(), ContentType.parse(call.contentType())));
        }
        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(ON_WRITTEN, written);
        return client.execute(request, context, response -> reply(response, call.maxReplyBytes()));
    }

    private static Reply reply(ClassicHttpResponse response, int maxBodyBytes) throws IOException {
        return new Reply(
                response.getCode(),
                value(response.getFirstHeader(HttpHeaders.RETRY_AFTER)),
                value(response.getFirstHeader(HttpHeaders.LOCATION)),
                start(response.getEntity(), maxBodyBytes));
    }

    /** The first {@code maxBytes} of the body; the client drains the rest so the connection can be reused. */
    private static String start(HttpEntity entity, int maxBytes) throws IOException {
        if (entity == null) {
            return "";
        }
        try (InputStream in = entity.getContent()) {
            return in == null ? "" : new String(in.readNBytes(maxBytes), StandardCharsets.UTF_8);
        }
    }

    private static String value(Header header) {
        return header == null ? null : header.getValue();
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }

    /** Hands the connection a request goes out on to a wrapper that tells when the request was flushed. */
    private static final class SignallingRequestExecutor extends HttpRequestExecutor {

        @Override
        public ClassicHttpResponse execute(
                ClassicHttpRequest request,
                HttpClientConnection conn,
                HttpResponseInformationCallback informationCallback,
                HttpContext context)
                throws IOException, HttpException {
            Object written = context == null ? null : context.getAttribute(ON_WRITTEN);
            HttpClientConnection connection = written instanceof Runnable r ? new FlushSignal(conn, r) : conn;
            return super.execute(request, connection, informationCallback, context);
        }
    }

    /**
     * A connection that runs {@code written} after each flush: the request executor flushes once the request is out.
     */
    private static final class FlushSignal implements HttpClientConnection {
        private final HttpClientConnection delegate;
        private final Runnable written;

        FlushSignal(HttpClientConnection delegate, Runnable written) {
            this.delegate = delegate;
            this.written = written;
        }

        @Override
        public void flush() throws IOException {
            delegate.flush();
            written.run();
        }

        @Override
        public boolean isConsistent() {
            return delegate.isConsistent();
        }

        @Override
        public void sendRequestHeader(ClassicHttpRequest request) throws HttpException, IOException {
            delegate.sendRequestHeader(request);
        }

        @Override
        public void terminateRequest(ClassicHttpRequest request) throws HttpException, IOException {
            delegate.terminateRequest(request);
        }

        @Override
        public void sendRequestEntity(ClassicHttpRequest request) throws HttpException, IOException {
            delegate.sendRequestEntity(request);
        }

        @Override
        public ClassicHttpResponse receiveResponseHeader() throws HttpException, IOException {
            return delegate.receiveResponseHeader();
        }

        @Override
        public void receiveResponseEntity(ClassicHttpResponse response) throws HttpException, IOException {
            delegate.receiveResponseEntity(response);
        }

        @Override
        public boolean isDataAvailable(Timeout timeout) throws IOException {
            return delegate.isDataAvailable(timeout);
        }

        @Override
        public boolean isStale() throws IOException {
            return delegate.isStale();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }

        @Override
        public void close(CloseMode closeMode) {
            delegate.close(closeMode);
        }

        @Override
        public EndpointDetails getEndpointDetails() {
            return delegate.getEndpointDetails();
        }

        @Override
        public SocketAddress getLocalAddress() {
            return delegate.getLocalAddress();
        }

        @Override
        public SocketAddress getRemoteAddress() {
            return delegate.getRemoteAddress();
        }

        @Override
        public ProtocolVersion getProtocolVersion() {
            return delegate.getProtocolVersion();
        }

        @Override
        public SSLSession getSSLSession() {
            return delegate.getSSLSession();
        }

        @Override
        public boolean isOpen() {
            return delegate.isOpen();
        }

        @Override
        public Timeout getSocketTimeout() {
            return delegate.getSocketTimeout();
        }

        @Override
        public void setSocketTimeout(Timeout timeout) {
            delegate.setSocketTimeout(timeout);
        }
    }
}
