package com.aliasimport.run;

import com.aliasimport.exit.ExitCodes;
import com.aliasimport.exit.WithExitCode;

/** A run asked for by its number that the database does not hold: the user's mistake, nothing was sent. */
public class NoSuchRunException extends RuntimeException implements WithExitCode {

    public NoSuchRunException(long id) {
        super("no run " + id + "; see 'alias-import history'");
    }

    @Override
    public int exitCode() {
        return ExitCodes.USAGE;
    }
}
