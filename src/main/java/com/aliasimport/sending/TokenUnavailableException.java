package com.aliasimport.sending;

/**
 * No token could be had for a while (the token endpoint answered 5xx, timed out, or could not be reached): worth
 * trying again after a back-off, unlike credentials the endpoint refused ({@link SystemicFailureException}).
 */
public final class TokenUnavailableException extends RuntimeException {

    private final boolean neverConnected;

    TokenUnavailableException(String message, boolean neverConnected) {
        super(message, null, false, false);
        this.neverConnected = neverConnected;
    }

    /** No connection to the token endpoint could be made. */
    public boolean neverConnected() {
        return neverConnected;
    }
}
