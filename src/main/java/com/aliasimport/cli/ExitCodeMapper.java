package com.aliasimport.cli;

import com.aliasimport.exit.ExitCodes;
import com.aliasimport.exit.WithExitCode;
import org.springframework.stereotype.Component;
import picocli.CommandLine;

/**
 * The one place a failure becomes an exit code: 2 for a usage error picocli found, else the code the failure (or the
 * first of its causes) carries, else 1, a run that failed and resumes with the same command.
 */
@Component
class ExitCodeMapper implements CommandLine.IExitCodeExceptionMapper {

    @Override
    public int getExitCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CommandLine.ParameterException) {
                return ExitCodes.USAGE; // picocli's own: an unknown option, a bad value (its handler asks here too)
            }
            if (t instanceof WithExitCode carrier) {
                return carrier.exitCode();
            }
        }
        return ExitCodes.RUN_FAILED;
    }
}
