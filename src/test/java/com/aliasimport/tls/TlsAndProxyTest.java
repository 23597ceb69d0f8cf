package com.aliasimport.tls;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.support.ChildImports;
import com.aliasimport.support.ChildJvm;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and proxies end to end, in child JVMs as cron runs the product: a certificate that is not accepted (unknown
 * CA, expired, issued for another name) stops the run at once with exit 2 and one line naming the host and the
 * setting that trusts a private CA; with that setting (a Spring Boot SSL bundle) the import succeeds; HTTPS_PROXY
 * sends both the token and the records requests through a CONNECT proxy, and NO_PROXY keeps them away from it.
 */
class TlsAndProxyTest {

    private static final int ROWS = 5;
    private static final String TOKEN = "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":3600}";

    @TempDir
    static Path certs;

    private static TestCertificates ca;
    private static WireMockServer plain;
    private static WireMockServer trusted;
    private static WireMockServer trustedToken;
    private static WireMockServer expired;
    private static WireMockServer otherName;

    @TempDir
    Path home;

    @BeforeAll
    static void servers() {
        ca = TestCertificates.newCa(certs);
        Path good = ca.serverKeyStore("imports.test", "dns:imports.test,ip:127.0.0.1", null, 10);
        plain = api(options().dynamicPort());
        trusted = api(https(good));
        trustedToken = api(https(good));
        expired = api(https(ca.serverKeyStore("expired", "ip:127.0.0.1", "-10d", 2)));
        otherName = api(https(ca.serverKeyStore("other.example", "dns:other.example", null, 10)));
    }

    @AfterAll
    static void stop() {
        for (WireMockServer s : new WireMockServer[] {plain, trusted, trustedToken, expired, otherName}) {
            if (s != null) {
                s.stop();
            }
        }
    }

    private static com.github.tomakehurst.wiremock.core.WireMockConfiguration https(Path keyStore) {
        return options()
                .httpDisabled(true)
                .dynamicHttpsPort()
                .keystorePath(keyStore.toString())
                .keystoreType("PKCS12")
                .keystorePassword(TestCertificates.PASSWORD)
                .keyManagerPassword(TestCertificates.PASSWORD)
                .bindAddress("127.0.0.1");
    }

    private static WireMockServer api(com.github.tomakehurst.wiremock.core.WireMockConfiguration config) {
        WireMockServer server = new WireMockServer(config);
        server.start();
        server.stubFor(post(urlEqualTo("/oauth2/token"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(TOKEN)));
        server.stubFor(post(urlEqualTo("/records/")).willReturn(aResponse().withStatus(200)));
        return server;
    }

    @Test
    void anUntrustedCertificateOnTheTokenEndpointStopsAtOnceWithExit2() throws Exception {
        try (ChildImports imports = new ChildImports(home);
                TcpRelay relay = TcpRelay.to(trusted.httpsPort())) {
            int before = recordRequests(trusted);
            String host = "127.0.0.1:" + relay.port();
            ChildJvm child = run(
                    imports,
                    "untrusted",
                    Map.of(
                            "alias-import.token-url", "https://" + host + "/oauth2/token",
                            "alias-import.imports-url", "https://" + host + "/records/"),
                    Map.of());

            assertConfigurationError(child, host, "is not trusted");
            assertThat(relay.connections()).as("one attempt, no retries").isEqualTo(1);
            assertThat(recordRequests(trusted) - before).isZero();
            assertThat(imports.recordedAcceptances()).isZero();
        }
    }

    @Test
    void anExpiredCertificateOnTheRecordsEndpointStopsAtOnceWithExit2() throws Exception {
        try (ChildImports imports = new ChildImports(home);
                TcpRelay relay = TcpRelay.to(expired.httpsPort())) {
            String host = "127.0.0.1:" + relay.port();
            ChildJvm child = run(
                    imports,
                    "expired",
                    withPrivateCa(Map.of(
                            "alias-import.token-url", plain.baseUrl() + "/oauth2/token",
                            "alias-import.imports-url", "https://" + host + "/records/")),
                    Map.of());

            assertConfigurationError(child, host, "has expired");
            assertThat(relay.connections()).as("one attempt, no retries").isEqualTo(1);
            assertThat(imports.recordedAcceptances()).isZero();
        }
    }

    @Test
    void aCertificateForAnotherNameStopsAtOnceWithExit2() throws Exception {
        try (ChildImports imports = new ChildImports(home);
                TcpRelay relay = TcpRelay.to(otherName.httpsPort())) {
            String host = "127.0.0.1:" + relay.port();
            ChildJvm child = run(
                    imports,
                    "mismatch",
                    withPrivateCa(Map.of(
                            "alias-import.token-url", plain.baseUrl() + "/oauth2/token",
                            "alias-import.imports-url", "https://" + host + "/records/")),
                    Map.of());

            assertConfigurationError(child, host, "is issued for another name");
            assertThat(relay.connections()).as("one attempt, no retries").isEqualTo(1);
            assertThat(imports.recordedAcceptances()).isZero();
        }
    }

    @Test
    void withThePrivateCaTrustedBothRequestsGoThroughTheProxyFromHttpsProxy() throws Exception {
        try (ChildImports imports = new ChildImports(home);
                TcpRelay proxy = TcpRelay.connectProxy(Map.of("imports.test", "127.0.0.1"), "cron:pr0xy-pw")) {
            int before = recordRequests(trusted);
            ChildJvm child = run(
                    imports,
                    "proxied",
                    withPrivateCa(namesOnly()),
                    Map.of(
                            "HTTPS_PROXY",
                            "http://cron:pr0xy-pw@127.0.0.1:" + proxy.port(),
                            "NO_PROXY",
                            "localhost,.internal.example"));

            assertThat(child.exitCode(Duration.ofMinutes(2)))
                    .as(child.describe())
                    .isZero();
            assertThat(recordRequests(trusted) - before).isEqualTo(ROWS);
            assertThat(proxy.connects())
                    .as("the token and the records requests went through the proxy")
                    .contains("imports.test:" + trustedToken.httpsPort(), "imports.test:" + trusted.httpsPort());
            assertThat(child.out() + child.err() + child.log()).doesNotContain("pr0xy-pw");
        }
    }

    @Test
    void noProxyKeepsRequestsAwayFromTheProxy() throws Exception {
        try (ChildImports imports = new ChildImports(home);
                TcpRelay proxy = TcpRelay.connectProxy(Map.of("imports.test", "127.0.0.1"), null)) {
            int before = recordRequests(trusted);
            ChildJvm child = run(
                    imports,
                    "not-proxied",
                    withPrivateCa(namesOnly()),
                    Map.of("HTTPS_PROXY", "http://127.0.0.1:" + proxy.port(), "NO_PROXY", "example.com,*.test"));

            assertThat(child.exitCode(Duration.ofMinutes(2)))
                    .as(child.describe())
                    .isZero();
            assertThat(recordRequests(trusted) - before).isEqualTo(ROWS);
            assertThat(proxy.connections()).isZero();
        }
    }

    private static int recordRequests(WireMockServer server) {
        return server.countRequestsMatching(
                        postRequestedFor(urlEqualTo("/records/")).build())
                .getCount();
    }

    /** The token and records URLs by name (imports.test), which the child resolves from a hosts file. */
    private static Map<String, String> namesOnly() {
        return Map.of(
                "alias-import.token-url",
                "https://imports.test:" + trustedToken.httpsPort() + "/oauth2/token",
                "alias-import.imports-url",
                "https://imports.test:" + trusted.httpsPort() + "/records/");
    }

    private static Map<String, String> withPrivateCa(Map<String, String> properties) {
        Map<String, String> p = new LinkedHashMap<>(properties);
        p.put("alias-import.http.ssl-bundle", "corp");
        p.put("spring.ssl.bundle.pem.corp.truststore.certificate", "file:" + ca.caPem());
        return p;
    }

    private ChildJvm run(ChildImports imports, String name, Map<String, String> overrides, Map<String, String> env)
            throws Exception {
        Map<String, String> p = imports.properties();
        p.putAll(overrides);
        // imports.test is 127.0.0.1 for the child (when it connects directly); a proxy resolves names itself.
        Path hosts = home.resolve("hosts");
        String self = InetAddress.getLocalHost().getHostName();
        Files.writeString(
                hosts,
                "127.0.0.1 localhost imports.test\n"
                        + InetAddress.getLocalHost().getHostAddress() + " " + self + "\n");
        p.put("jdk.net.hosts.file", hosts.toString());
        Path file = imports.aliases(name + ".csv", ROWS);
        return ChildJvm.start(home, name, p, env, "import", file.toString());
    }

    private static void assertConfigurationError(ChildJvm child, String host, String problem) {
        assertThat(child.exitCode(Duration.ofMinutes(2))).as(child.describe()).isEqualTo(2);
        List<String> errors =
                child.err().lines().filter(l -> l.startsWith("error:")).toList();
        assertThat(errors).as(child.describe()).hasSize(1);
        assertThat(errors.get(0))
                .contains(host, problem, "alias-import.http.ssl-bundle", "ALIAS_IMPORT_HTTP_SSL_BUNDLE");
        assertThat(child.err() + child.out()).doesNotContain("Exception", "\tat ");
    }
}
