package com.aliasimport.sending;

import java.net.URI;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Recognises a server certificate this machine does not accept (unknown CA, expired, issued for another name):
 * a setting to fix, not a fault to retry, since every later attempt would meet the same certificate.
 */
final class CertificateProblems {

    /** How to trust a private CA (a TLS-inspecting proxy's, say): the same advice whatever the problem. */
    static final String HOW_TO_TRUST = "if a private CA or a TLS-inspecting proxy signs it, trust that CA with"
            + " alias-import.http.ssl-bundle (ALIAS_IMPORT_HTTP_SSL_BUNDLE) and"
            + " spring.ssl.bundle.pem.<name>.truststore.certificate (see 'TLS and proxies' in the README)";

    private CertificateProblems() {}

    /** The one-line message for a certificate problem reaching {@code url}, or null if {@code failure} is not one. */
    static String describe(Throwable failure, URI url) {
        String problem = problem(failure);
        return problem == null ? null : "the certificate of " + hostOf(url) + " " + problem + ": " + HOW_TO_TRUST;
    }

    private static String problem(Throwable failure) {
        if (NetworkErrors.find(failure, SSLPeerUnverifiedException.class) != null) {
            return "is issued for another name (check the URL)"; // HttpClient's own host name check
        }
        if (NetworkErrors.find(failure, SSLHandshakeException.class) == null) {
            return null;
        }
        if (NetworkErrors.find(failure, CertificateExpiredException.class) != null
                || reason(failure, CertPathValidatorException.BasicReason.EXPIRED)) {
            return "has expired";
        }
        if (NetworkErrors.find(failure, CertificateNotYetValidException.class) != null
                || reason(failure, CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
            return "is not valid yet (check this machine's clock)";
        }
        if (NetworkErrors.find(failure, CertPathBuilderException.class) != null) {
            return "is not trusted: no certificate authority this machine trusts signed it";
        }
        CertificateException refused = NetworkErrors.find(failure, CertificateException.class);
        if (refused != null) {
            String message = String.valueOf(refused.getMessage());
            if (message.startsWith("No subject alternative") || message.startsWith("No name matching")) {
                return "is issued for another name (check the URL)"; // the JDK's host name check
            }
            return "is not accepted (" + message + ")";
        }
        if (NetworkErrors.find(failure, CertPathValidatorException.class) != null) {
            return "is not accepted ("
                    + NetworkErrors.find(failure, CertPathValidatorException.class)
                            .getMessage() + ")";
        }
        return null; // a handshake cut short and the like: the network's problem, not the certificate's
    }

    private static boolean reason(Throwable failure, CertPathValidatorException.Reason reason) {
        CertPathValidatorException e = NetworkErrors.find(failure, CertPathValidatorException.class);
        return e != null && e.getReason() == reason;
    }

    private static String hostOf(URI url) {
        return url.getPort() > 0 ? url.getHost() + ":" + url.getPort() : url.getHost();
    }
}
