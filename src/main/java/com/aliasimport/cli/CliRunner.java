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
    private final SignalStop signals;
    private int exitCode;

    CliRunner(CommandLine.IFactory factory, SessionStops stops) {
        this.factory = factory;
        this.signals = new SignalStop(stops, System.err);
    }

    /**
     * The command line as every run gets it, its failure handling, exit codes, JSON usage errors and configured
     * defaults taken from {@code factory}'s beans; the tests' harness builds it here too.
     */
    static CommandLine commandLine(CommandLine.IFactory factory) throws Exception {
        CommandLine cli = new CommandLine(AliasImportCommand.class, factory)
                .setExecutionExceptionHandler(factory.create(ErrorHandler.class))
                .setExitCodeExceptionMapper(factory.create(ExitCodeMapper.class))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true);
        HelpDefaults.install(cli, factory.create(AliasImportProperties.class));
        return JsonAwareUsageErrors.install(cli);
    }

    @Override
    public void run(String... args) throws Exception {
        signals.install();
        exitCode = signals.exitCode(commandLine(factory).execute(args));
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
