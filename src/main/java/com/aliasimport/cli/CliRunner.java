package com.aliasimport.cli;

import com.aliasimport.config.AliasImportProperties;
import com.aliasimport.job.SessionStops;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import picocli.CommandLine;

/** Hands the command line to picocli once the application context is up; its exit code becomes the process's. */
@Component
@ConditionalOnProperty(name = "alias-import.cli.enabled", matchIfMissing = true)
class CliRunner implements CommandLineRunner, ExitCodeGenerator {

    private final CommandLine.IFactory factory;
    private final ErrorHandler errorHandler;
    private final ExitCodeMapper exitCodes;
    private final SignalStop signals;
    private final AliasImportProperties settings;
    private int exitCode;

    CliRunner(
            CommandLine.IFactory factory,
            ErrorHandler errorHandler,
            ExitCodeMapper exitCodes,
            SessionStops stops,
            AliasImportProperties settings) {
        this.settings = settings;
        this.factory = factory;
        this.errorHandler = errorHandler;
        this.exitCodes = exitCodes;
        this.signals = new SignalStop(stops, System.err);
    }

    @Override
    public void run(String... args) {
        signals.install();
        int code = JsonAwareUsageErrors.install(HelpDefaults.install(
                        new CommandLine(AliasImportCommand.class, factory)
                                .setExecutionExceptionHandler(errorHandler)
                                .setExitCodeExceptionMapper(exitCodes)
                                .setCaseInsensitiveEnumValuesAllowed(true)
                                .setUsageHelpAutoWidth(true),
                        settings))
                .execute(args);
        exitCode = signals.exitCode(code);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
