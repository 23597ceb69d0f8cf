package com.aliasimport.cli;

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
    private int exitCode;

    CliRunner(CommandLine.IFactory factory, ErrorHandler errorHandler) {
        this.factory = factory;
        this.errorHandler = errorHandler;
    }

    @Override
    public void run(String... args) {
        exitCode = new CommandLine(AliasImportCommand.class, factory)
                .setExecutionExceptionHandler(errorHandler)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true)
                .execute(args);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
