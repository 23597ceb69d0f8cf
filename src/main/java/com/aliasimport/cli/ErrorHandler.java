package com.aliasimport.cli;

import com.aliasimport.config.ConfigurationException;
import com.aliasimport.csv.CsvFileException;
import com.aliasimport.database.ConnectionFailures;
import com.aliasimport.database.DatabaseUnavailableException;
import com.aliasimport.mapping.HeaderException;
import com.aliasimport.run.LockHeldException;
import com.aliasimport.run.NoSuchRunException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;
import picocli.CommandLine;

/**
 * Turns what went wrong into one line on stderr; the exit code is the one the failure carries ({@link ExitCodeMapper}).
 * A user's mistake never shows a stack trace; an unexpected error is logged in full to the log file and summarised in
 * one line.
 */
@Component
class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

    private final FullDisk fullDisk;
    private final ExitCodeMapper exitCodes;

    ErrorHandler(FullDisk fullDisk, ExitCodeMapper exitCodes) {
        this.fullDisk = fullDisk;
        this.exitCodes = exitCodes;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        var err = commandLine.getErr();
        if (e instanceof CsvFileException || e instanceof HeaderException || e instanceof ConfigurationException) {
            err.println("error: " + e.getMessage());
            err.println("nothing was sent.");
            return exitCodes.getExitCode(e);
        }
        if (e instanceof UsageException || e instanceof NoSuchRunException) {
            err.println("error: " + e.getMessage());
            return exitCodes.getExitCode(e);
        }
        if (e instanceof LockHeldException) {
            err.println("error: " + e.getMessage() + "; nothing was sent.");
            return exitCodes.getExitCode(e);
        }
        var full = fullDisk.describe(e);
        if (full.isPresent()) {
            log.error("disk full", e);
            err.println("error: " + full.get());
            return exitCodes.getExitCode(e);
        }
        if (ConnectionFailures.isConnectionFailure(e)) {
            // The database stayed away (or went away where nothing waits for it): resumable, and no stack trace.
            log.error("the database is unreachable", e);
            err.println("error: " + databaseMessage(e));
            return exitCodes.getExitCode(e);
        }
        log.error("unexpected error", e);
        err.println("error: " + oneLine(e) + " (details in the log file " + LogFile.path() + ")");
        return exitCodes.getExitCode(e);
    }

    private static String databaseMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailableException unavailable) {
                return unavailable.getMessage();
            }
        }
        return "lost the connection to the database (" + oneLine(e) + "): run the same command again when it is back";
    }

    private static String oneLine(Throwable e) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
        String message = root.getMessage();
        return root.getClass().getSimpleName()
                + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
