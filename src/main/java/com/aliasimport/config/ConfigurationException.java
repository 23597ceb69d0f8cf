package com.aliasimport.config;

import com.aliasimport.exit.ExitCodes;
import com.aliasimport.exit.WithExitCode;

/** A setting is missing or wrong: the run cannot start. The message is one line saying what to fix. */
public class ConfigurationException extends RuntimeException implements WithExitCode {

    public ConfigurationException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return ExitCodes.USAGE;
    }
}
