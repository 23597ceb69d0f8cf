package com.aliasimport.cli;

import picocli.CommandLine;

/**
 * Usage errors (picocli's, and the commands' own {@code usageError}) as picocli prints them, or with {@code --json} as
 * the contract's error object on stdout: a script that asked for JSON gets JSON, failures included.
 */
final class JsonAwareUsageErrors implements CommandLine.IParameterExceptionHandler {

    private final CommandLine.IParameterExceptionHandler text;

    JsonAwareUsageErrors(CommandLine.IParameterExceptionHandler text) {
        this.text = text;
    }

    /** Installs itself on {@code cli} over picocli's own handler. */
    static CommandLine install(CommandLine cli) {
        return cli.setParameterExceptionHandler(new JsonAwareUsageErrors(cli.getParameterExceptionHandler()));
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) throws Exception {
        if (!JsonOutput.requested(args)) {
            return text.handleParseException(e, args);
        }
        CommandLine command = e.getCommandLine();
        int exitCode = command.getExitCodeExceptionMapper() != null
                ? command.getExitCodeExceptionMapper().getExitCode(e)
                : command.getCommandSpec().exitCodeOnInvalidInput();
        JsonOutput.error(command.getOut(), JsonOutput.command(command), exitCode, "usage", e.getMessage());
        return exitCode;
    }
}
