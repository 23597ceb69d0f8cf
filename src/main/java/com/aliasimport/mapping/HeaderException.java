package com.aliasimport.mapping;

/** The file's header does not fit the inbound mapping: the whole file is refused and nothing is sent. */
public class HeaderException extends RuntimeException {

    public HeaderException(String message) {
        super(message);
    }
}
