package com.aliasimport.exit;

/**
 * A failure that knows the exit code it ends the process with (one of {@link ExitCodes}): the command line maps it
 * once, whatever the command, instead of each command deciding.
 */
public interface WithExitCode {

    int exitCode();
}
