package com.aliasimport.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code --json} contract's shared parts (docs/json.md): one JSON object per line on stdout, human text on
 * stderr, and failures as an {@code error} object with the exit code, the kind of failure and its message.
 */
final class JsonOutput {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonOutput() {}

    /** The start of a command's summary object: its event, command, outcome and exit code, in the contract's order. */
    static Map<String, Object> summary(String command, String outcome, int exitCode) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event", "summary");
        json.put("command", command);
        json.put("outcome", outcome);
        json.put("exitCode", exitCode);
        return json;
    }

    /** Writes {@code object} as one line. */
    static void line(PrintWriter out, Map<String, ?> object) {
        out.println(JSON.writeValueAsString(object));
        out.flush();
    }

    /**
     * A failure as {@code {"event":"error","command":...,"exitCode":...,"kind":...,"message":...}}.
     *
     * @param kind usage, configuration, file, lock, database, disk-full, start-up or unexpected
     */
    static void error(PrintWriter out, String command, int exitCode, String kind, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event", "error");
        json.put("command", command);
        json.put("exitCode", exitCode);
        json.put("kind", kind);
        json.put("message", message);
        line(out, json);
    }

    /** Whether the command line asked for JSON: {@code --json} before any {@code --}. */
    static boolean requested(String[] args) {
        return Arrays.stream(args).takeWhile(a -> !a.equals("--")).anyMatch("--json"::equals);
    }

    /** Whether the command that ran (the innermost subcommand) was given {@code --json}. */
    static boolean requested(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        return last.hasMatchedOption("--json");
    }

    /** The name of the command that ran, such as "import". */
    static String command(CommandLine commandLine) {
        return commandLine.getCommandName();
    }
}
