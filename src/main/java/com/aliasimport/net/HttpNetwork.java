package com.aliasimport.net;

import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * How requests reach the API: the TLS context (the JDK's CAs, plus a private CA when configured) and the proxies.
 * Both the token client and the records client are built here, so they always agree.
 */
public final class HttpNetwork {

    private static volatile HttpNetwork systemDefault;

    private final LazyTls tls;
    private final EnvironmentProxies proxies;

    private HttpNetwork(LazyTls tls, EnvironmentProxies proxies) {
        this.tls = tls;
        this.proxies = proxies;
    }

    /**
     * The JDK's CAs plus {@code extraTrust} (a private CA's trust managers; none for the JDK's only), and the
     * proxies of this process's environment.
     *
     * @throws IllegalArgumentException a proxy variable is not a usable URL (the message names no value)
     */
    public static HttpNetwork of(TrustManager... extraTrust) {
        return new HttpNetwork(
                new LazyTls(() -> tlsContext(CompositeTrustManager.withJdkDefaults(extraTrust))),
                EnvironmentProxies.fromProcess());
    }

    /** The JDK's CAs and the process's proxies. */
    public static HttpNetwork systemDefault() {
        HttpNetwork n = systemDefault;
        if (n == null) {
            n = of();
            systemDefault = n;
        }
        return n;
    }

    private static SSLContext tlsContext(TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }

    /**
     * A client builder with pooled connections over this TLS context and these proxies, the timeouts (connect on
     * connecting, read on every read), and no automatic retries, redirects or cookies: the caller decides what to
     * do with a failure, and a redirected POST is a wrong URL.
     */
    public HttpClientBuilder clientBuilder(Duration connectTimeout, Duration readTimeout, int connections) {
        var pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(tls)
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(readTimeout))
                        // A connection the server closed while idle would fail the next POST with an unknown outcome.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build();
        var credentials = new BasicCredentialsProvider();
        for (var proxy : new EnvironmentProxies.ProxyAddress[] {proxies.httpsProxy(), proxies.httpProxy()}) {
            if (proxy != null && proxy.credentials() != null) {
                credentials.setCredentials(
                        new AuthScope(proxy.host(), proxy.port()),
                        new UsernamePasswordCredentials(
                                proxy.credentials().getUserName(),
                                proxy.credentials().getPassword()));
            }
        }
        return HttpClients.custom()
                .setConnectionManager(pool)
                .setRoutePlanner(new SystemDefaultRoutePlanner(proxies))
                .setDefaultCredentialsProvider(credentials)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(readTimeout))
                        .setRedirectsEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement();
    }
}
