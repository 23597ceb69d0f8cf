package com.aliasimport.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private CA and server certificates it signs, made with the JDK's {@code keytool} (in a temporary folder): what a
 * company's own CA or a TLS-inspecting proxy hands out.
 */
final class TestCertificates {

    static final String PASSWORD = "changeit";

    private final Path dir;
    private final Path caStore;
    private final Path caPem;

    private TestCertificates(Path dir) {
        this.dir = dir;
        this.caStore = dir.resolve("ca.p12");
        this.caPem = dir.resolve("ca.pem");
    }

    /** A new CA in {@code dir}; skips the test (visibly) when the JDK has no keytool. */
    static TestCertificates newCa(Path dir) {
        Path keytool = keytool();
        Assumptions.assumeTrue(Files.isExecutable(keytool), "no keytool at " + keytool + ": TLS tests skipped");
        TestCertificates ca = new TestCertificates(dir);
        ca.keytool(
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=alias-import test CA",
                "-ext",
                "bc:c",
                "-validity",
                "30",
                "-keystore",
                ca.caStore.toString());
        ca.keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                ca.caStore.toString(),
                "-file",
                ca.caPem.toString());
        return ca;
    }

    /** The CA's certificate, PEM: what {@code spring.ssl.bundle.pem.NAME.truststore.certificate} points at. */
    Path caPem() {
        return caPem;
    }

    /**
     * A PKCS12 key store (password {@link #PASSWORD}) holding a server key and its certificate signed by this CA.
     *
     * @param san the subject alternative names, e.g. {@code dns:imports.test,ip:127.0.0.1}
     * @param startDate keytool's start date, e.g. {@code -10d} (null: now)
     * @param validityDays how long it is valid from the start date
     */
    Path serverKeyStore(String name, String san, String startDate, int validityDays) {
        Path store = dir.resolve(name + ".p12");
        Path csr = dir.resolve(name + ".csr");
        Path cert = dir.resolve(name + ".pem");
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + name,
                "-keystore",
                store.toString());
        keytool("-certreq", "-alias", "server", "-keystore", store.toString(), "-file", csr.toString());
        List<String> gencert = new ArrayList<>(List.of(
                "-gencert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                caStore.toString(),
                "-infile",
                csr.toString(),
                "-outfile",
                cert.toString(),
                "-ext",
                "san=" + san,
                "-validity",
                String.valueOf(validityDays)));
        if (startDate != null) {
            gencert.add("-startdate");
            gencert.add(startDate);
        }
        keytool(gencert.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", store.toString(), "-file", caPem.toString());
        keytool("-importcert", "-alias", "server", "-keystore", store.toString(), "-file", cert.toString());
        return store;
    }

    private static Path keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool");
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>(List.of(keytool().toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("keytool.out").toFile())
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: "
                        + Files.readString(dir.resolve("keytool.out")));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
