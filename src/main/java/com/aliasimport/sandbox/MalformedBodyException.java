package com.aliasimport.sandbox;

/** The request body could not be parsed in its declared format (answered 400). */
final class MalformedBodyException extends Exception {

    MalformedBodyException(String reason) {
        super(reason, null, false, false); // control flow for a bad request: no stack trace needed
    }
}
