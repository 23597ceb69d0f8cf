package com.aliasimport.cli;

/** The user asked for something that cannot be: one line on stderr, exit code 2, no usage help. */
class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
