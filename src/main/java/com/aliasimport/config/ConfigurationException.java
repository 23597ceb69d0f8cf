package com.aliasimport.config;

/** A setting is missing or wrong: the run cannot start. The message is one line saying what to fix. */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }
}
