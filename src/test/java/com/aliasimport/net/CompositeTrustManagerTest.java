package com.aliasimport.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A private CA is trusted besides the JDK's public ones, not instead of them. */
class CompositeTrustManagerTest {

    private static final String SELF_SIGNED = """
            -----BEGIN CERTIFICATE-----
            MIIBljCCATugAwIBAgIUZ1g2Z5bF2AiYb3KHSbbYaCTh7lIwCgYIKoZIzj0EAwIw
            HzEdMBsGA1UEAwwUYWxpYXMtaW1wb3J0IHRlc3QgQ0EwIBcNMjYxMjA1MjM1ODMy
            WhgPMjEyNjExMTEyMzU4MzJaMB8xHTAbBgNVBAMMFGFsaWFzLWltcG9ydCB0ZXN0
            IENBMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEF3klx8PAmyOwvnJaOu+r420+
            RZoGEpT6TYOK1Qn2GTzLvtFoPua7L9s0ZKXptnM8ee824lR/5eBdIlHJ8tvicqNT
            MFEwHQYDVR0OBBYEFKj472PBhWtseKJmOClCQ30um5GyMB8GA1UdIwQYMBaAFKj4
            72PBhWtseKJmOClCQ30um5GyMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwID
            SQAwRgIhAITXg/wD10ghWggc36gGHypSCXv3Z2K4Ry+K/1mgav1KAiEAjJo483i5
            XX3E4qVymwhW+B56QnqYqYKKWOy91gfmfl8=
            -----END CERTIFICATE-----
            """;

    @Test
    void aPublicCaFromTheJdksCacertsIsStillTrustedWithAPrivateCaAdded() throws Exception {
        X509Certificate publicRoot = aJdkRoot();
        var composite = CompositeTrustManager.withJdkDefaults(trusting(privateCa()));
        // A root presented as a chain of its own: trusted because it is one of the JDK's anchors.
        composite.checkServerTrusted(new X509Certificate[] {publicRoot}, "UNKNOWN");
        assertThat(composite.getAcceptedIssuers()).contains(publicRoot);
    }

    @Test
    void thePrivateCaIsTrustedAndAnUnknownOneIsNot() throws Exception {
        X509Certificate privateCa = privateCa();
        var jdkOnly = CompositeTrustManager.withJdkDefaults();
        assertThatThrownBy(() -> jdkOnly.checkServerTrusted(new X509Certificate[] {privateCa}, "UNKNOWN"))
                .isInstanceOf(CertificateException.class);
        var composite = CompositeTrustManager.withJdkDefaults(trusting(privateCa));
        composite.checkServerTrusted(new X509Certificate[] {privateCa}, "UNKNOWN");
        assertThat(composite.getAcceptedIssuers()).contains(privateCa);
    }

    private static X509Certificate privateCa() throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(SELF_SIGNED.getBytes()));
    }

    private static X509ExtendedTrustManager trusting(X509Certificate ca) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("corp", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
    }

    /** A root CA of the JDK's cacerts that is valid today. */
    private static X509Certificate aJdkRoot() throws Exception {
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        Assumptions.assumeTrue(Files.isReadable(cacerts), "no JDK cacerts at " + cacerts + ": test skipped");
        KeyStore store = KeyStore.getInstance(cacerts.toFile(), (char[]) null);
        List<String> aliases = Collections.list(store.aliases());
        for (String alias : aliases) {
            if (store.getCertificate(alias) instanceof X509Certificate c) {
                try {
                    c.checkValidity();
                    return c;
                } catch (CertificateException e) {
                    // expired root: try the next
                }
            }
        }
        Assumptions.abort("no valid root in " + cacerts);
        return null;
    }
}
