package com.aliasimport.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.HttpHeaders;

import com.aliasimport.config.ApiSettings;

/**
 * One records request at a time per calling thread, over a pool of kept-alive connections (Apache HttpClient 5,
 * classic blocking I/O). Chosen for the records endpoint because it costs a fraction of the CPU per request of the
 * JDK HttpClient behind Spring's RestClient, whose asynchronous machinery (and a thread per request to watch the
 * read timeout) became the limit at thousands of rows a second on two cores.
 *
 * <p>No automatic retries (the {@link RecordSender} decides, and counts attempts), no redirects (a redirected POST
 * is a wrong URL), the connect timeout on connecting and the read timeout on every read of the answer.
 */
final class RecordsClient implements AutoCloseable {

    /** Longest response body kept: error messages are short; a huge error page must not fill memory. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    /** What came back: status, the headers we act on, and the start of the body. */
    record Reply(int status, String retryAfter, String location, String body) {
    }

    private final CloseableHttpClient client;
    private final ApiSettings settings;
    private final ContentType contentType;

    RecordsClient(ApiSettings settings, int connections, String contentType) {
        this.settings = settings;
        this.contentType = ContentType.parse(contentType);
        var pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.readTimeout()))
                        // A connection the server closed while idle would fail the next POST with an unknown outcome.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.readTimeout()))
                        .setRedirectsEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /** Sends one record body with this bearer token; an I/O failure means no (complete) answer came. */
    Reply send(byte[] payload, String token) throws IOException {
        var request = new HttpUriRequestBase(settings.method().name(), settings.endpoints().importsUrl());
        request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        request.setEntity(new ByteArrayEntity(payload, contentType));
        return client.execute(request, RecordsClient::reply);
    }

    private static Reply reply(ClassicHttpResponse response) throws IOException {
        return new Reply(response.getCode(), value(response.getFirstHeader(HttpHeaders.RETRY_AFTER)),
                value(response.getFirstHeader(HttpHeaders.LOCATION)), start(response.getEntity()));
    }

    /** The first {@link #MAX_BODY_BYTES} of the body; the client drains the rest so the connection can be reused. */
    private static String start(HttpEntity entity) throws IOException {
        if (entity == null) {
            return "";
        }
        try (InputStream in = entity.getContent()) {
            return in == null ? "" : new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
        }
    }

    private static String value(Header header) {
        return header == null ? null : header.getValue();
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
