package com.aliasimport.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in-process against a test's application context and captures what it prints. */
public final class Cli {

    public record Result(int exitCode, String out, String err) {

        public String all() {
            return out + err;
        }
    }

    private final CommandLine.IFactory factory;

    public Cli(CommandLine.IFactory factory) {
        this.factory = factory;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            Class<?> top = Class.forName("com.aliasimport.cli.AliasImportCommand");
            Class<?> handlerType = Class.forName("com.aliasimport.cli.ErrorHandler");
            Class<?> mapperType = Class.forName("com.aliasimport.cli.ExitCodeMapper");
            // As CliRunner builds it: the same handler and the same exit code mapper.
            CommandLine cli = new CommandLine(top, factory)
                    .setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true))
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .setExecutionExceptionHandler((CommandLine.IExecutionExceptionHandler) factory.create(handlerType))
                    .setExitCodeExceptionMapper((CommandLine.IExitCodeExceptionMapper) factory.create(mapperType));
            var install = Class.forName("com.aliasimport.cli.JsonAwareUsageErrors")
                    .getDeclaredMethod("install", CommandLine.class);
            install.setAccessible(true);
            install.invoke(null, cli);
            var defaults =
                    Class.forName("com.aliasimport.cli.HelpDefaults").getDeclaredMethod("install", CommandLine.class);
            defaults.setAccessible(true);
            defaults.invoke(null, cli);
            int code = cli.execute(args);
            return new Result(code, out.toString(), err.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
