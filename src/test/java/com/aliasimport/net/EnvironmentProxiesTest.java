package com.aliasimport.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Which proxy a URL goes through, from the environment or the JVM's properties. */
class EnvironmentProxiesTest {

    private static final ProxySelector JVM = new ProxySelector() {
        @Override
        public List<Proxy> select(URI uri) {
            return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("jvm-proxy", 8080)));
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
    };

    private static EnvironmentProxies proxies(Map<String, String> env) {
        return new EnvironmentProxies(env, new Properties(), JVM);
    }

    private static String via(EnvironmentProxies proxies, String url) {
        Proxy p = proxies.select(URI.create(url)).get(0);
        return p.type() == Proxy.Type.DIRECT ? "direct" : p.address().toString().replace("/<unresolved>", "");
    }

    @Test
    void httpsProxyIsUsedForHttpsUrlsAndHttpProxyForHttpOnes() {
        var p = proxies(Map.of("HTTPS_PROXY", "http://proxy.corp:3128", "http_proxy", "proxy.corp:80"));
        assertThat(via(p, "https://imports.api.eu.customergauge.com/records/")).isEqualTo("proxy.corp:3128");
        assertThat(via(p, "http://example.com/")).isEqualTo("proxy.corp:80");
        assertThat(via(proxies(Map.of()), "https://example.com/")).isEqualTo("direct");
    }

    @Test
    void noProxyTakesNamesSuffixesPortsAndStar() {
        var p = proxies(Map.of(
                "https_proxy",
                "http://proxy.corp:3128",
                "NO_PROXY",
                " customergauge.com, .internal.example,*.svc.local,10.1.2.3,gateway:8443"));
        assertThat(via(p, "https://customergauge.com/")).isEqualTo("direct");
        assertThat(via(p, "https://auth.eu.customergauge.com/oauth2/token")).isEqualTo("direct");
        assertThat(via(p, "https://notcustomergauge.com/")).isEqualTo("proxy.corp:3128");
        assertThat(via(p, "https://a.internal.example/")).isEqualTo("direct");
        assertThat(via(p, "https://internal.example/")).isEqualTo("proxy.corp:3128");
        assertThat(via(p, "https://x.svc.local/")).isEqualTo("direct");
        assertThat(via(p, "https://10.1.2.3/")).isEqualTo("direct");
        assertThat(via(p, "https://gateway:8443/")).isEqualTo("direct");
        assertThat(via(p, "https://gateway/")).isEqualTo("proxy.corp:3128");
        var all = proxies(Map.of("https_proxy", "http://proxy.corp:3128", "no_proxy", "*"));
        assertThat(via(all, "https://example.com/")).isEqualTo("direct");
    }

    @Test
    void loopbackNeverGoesThroughAProxyFromTheEnvironment() {
        var p = proxies(Map.of("https_proxy", "http://proxy.corp:3128", "http_proxy", "http://proxy.corp:3128"));
        assertThat(via(p, "http://127.0.0.1:8080/records/")).isEqualTo("direct");
        assertThat(via(p, "https://localhost/")).isEqualTo("direct");
        assertThat(via(p, "https://[::1]:8443/")).isEqualTo("direct");
    }

    @Test
    void theJvmsProxyPropertiesWin() {
        Properties system = new Properties();
        system.setProperty("https.proxyHost", "jvm-proxy");
        var p = new EnvironmentProxies(Map.of("https_proxy", "http://proxy.corp:3128"), system, JVM);
        assertThat(via(p, "https://example.com/")).isEqualTo("jvm-proxy:8080");
        assertThat(via(p, "http://example.com/")).isEqualTo("direct"); // http.proxyHost unset, no http_proxy
    }

    @Test
    void credentialsComeFromTheUrlAndAreNeverShown() {
        var p = proxies(Map.of("https_proxy", "http://cron%40corp:s3cr%3At@proxy.corp:3128"));
        assertThat(p.httpsProxy().credentials().getUserName()).isEqualTo("cron@corp");
        assertThat(new String(p.httpsProxy().credentials().getPassword())).isEqualTo("s3cr:t");
        assertThat(p.httpsProxy().toString()).isEqualTo("proxy.corp:3128");
        assertThatThrownBy(() -> proxies(Map.of("https_proxy", "socks5://user:pw@proxy.corp:1080")))
                .hasMessageNotContaining("pw")
                .hasMessageContaining("http://");
    }
}
