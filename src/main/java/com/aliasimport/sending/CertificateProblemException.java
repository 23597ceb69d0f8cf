package com.aliasimport.sending;

/**
 * The server's certificate is not accepted (unknown CA, expired, issued for another name): a configuration error
 * rather than an outage, so the run stops at once, and a run that sent nothing ends as a configuration error.
 */
public final class CertificateProblemException extends SystemicFailureException {

    public CertificateProblemException(String message) {
        super(message);
    }
}
