package com.aliasimport.run;

import com.aliasimport.exit.ExitCodes;
import com.aliasimport.exit.WithExitCode;

/** Another live process is running the same file (exit code 4). */
public class LockHeldException extends RuntimeException implements WithExitCode {

    public LockHeldException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return ExitCodes.LOCKED;
    }
}
