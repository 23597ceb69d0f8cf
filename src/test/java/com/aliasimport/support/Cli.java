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
            // Built where CliRunner builds it: the same handlers, exit codes and defaults.
            var build = Class.forName("com.aliasimport.cli.CliRunner")
                    .getDeclaredMethod("commandLine", CommandLine.IFactory.class);
            build.setAccessible(true);
            CommandLine cli = ((CommandLine) build.invoke(null, factory))
                    .setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true));
            int code = cli.execute(args);
            return new Result(code, out.toString(), err.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
