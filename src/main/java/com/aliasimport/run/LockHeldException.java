package com.aliasimport.run;

/** Another live process is running the same file (exit code 4). */
public class LockHeldException extends RuntimeException {

    public LockHeldException(String message) {
        super(message);
    }
}
