package com.aliasimport.cli;

import com.aliasimport.exit.ExitCodes;
import com.aliasimport.exit.WithExitCode;

/** The user asked for something that cannot be: one line on stderr, exit code 2, no usage help. */
class UsageException extends RuntimeException implements WithExitCode {

    UsageException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return ExitCodes.USAGE;
    }
}
