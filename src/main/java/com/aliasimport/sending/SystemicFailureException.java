package com.aliasimport.sending;

/**
 * A failure that is not about one row: every further row would fail the same way (credentials refused, unknown
 * host, wrong URL, invalid configuration reference...). The run stops, resumably, with this one-line message.
 */
public class SystemicFailureException extends RuntimeException {

    public SystemicFailureException(String message) {
        super(message);
    }
}
