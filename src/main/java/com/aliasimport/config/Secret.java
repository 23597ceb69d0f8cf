package com.aliasimport.config;

/**
 * A client secret or token: its {@link #toString()} never shows the value, so a secret that slips into a log line,
 * an exception message or a report prints as {@code ****}.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(value == null ? "" : value);
    }

    /** The value, for the one place that must send it. */
    public String reveal() {
        return value;
    }

    public boolean isBlank() {
        return value.isBlank();
    }

    @Override
    public String toString() {
        return "****";
    }
}
