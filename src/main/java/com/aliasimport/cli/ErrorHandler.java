package com.aliasimport.cli;

import com.aliasimport.anonymize.AnonymizeCheckLauncher;
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
        int exitCode = exitCodes.getExitCode(e);
        Failure failure = describe(e);
        if (JsonOutput.requested(parseResult)) {
            JsonOutput.error(
                    commandLine.getOut(), JsonOutput.command(commandLine), exitCode, failure.kind(), failure.message());
        } else {
            var err = commandLine.getErr();
            err.println("error: " + failure.message() + failure.after());
            if (failure.nothingSent()) {
                err.println("nothing was sent.");
            }
        }
        return exitCode;
    }

    /**
     * What a failure is, in one line.
     *
     * @param kind the {@code --json} error's kind
     * @param after what the text line adds after the message
     * @param nothingSent the text output adds "nothing was sent." on a line of its own
     */
    private record Failure(String kind, String message, String after, boolean nothingSent) {}

    private Failure describe(Exception e) {
        if (e instanceof CsvFileException || e instanceof HeaderException) {
            return new Failure("file", e.getMessage(), "", true);
        }
        if (e instanceof ConfigurationException) {
            return new Failure("configuration", e.getMessage(), "", true);
        }
        if (e instanceof UsageException || e instanceof NoSuchRunException) {
            return new Failure("usage", e.getMessage(), "", false);
        }
        if (e instanceof LockHeldException) {
            return new Failure("lock", e.getMessage(), "; nothing was sent.", false);
        }
        var full = fullDisk.describe(e);
        if (full.isPresent()) {
            log.error("disk full", e);
            return new Failure("disk-full", full.get(), "", false);
        }
        if (e instanceof AnonymizeCheckLauncher.ResultsNotWritten) {
            return new Failure("results", e.getMessage(), "", false);
        }
        if (ConnectionFailures.isConnectionFailure(e)) {
            // The database stayed away (or went away where nothing waits for it): resumable, and no stack trace.
            log.error("the database is unreachable", e);
            return new Failure("database", databaseMessage(e), "", false);
        }
        log.error("unexpected error", e);
        return new Failure("unexpected", oneLine(e), " (details in the log file " + LogFile.path() + ")", false);
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
