package com.aliasimport.database;

/** The database stayed unreachable for longer than the outage wait: the run stops, and the same command resumes it. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
