package com.aliasimport.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand has: picocli's model of it, for its output and its usage errors. Its exit code is what
 * {@code call} returns, or the one its failure carries ({@link ExitCodeMapper}).
 */
abstract class CliCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Where results go: stdout, or a test's writer. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where errors and progress go: stderr, or a test's writer. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** {@code --map COLUMN=FIELD} entries as a map, or a usage error that shows {@code example}. */
    Map<String, String> columnMap(List<String> entries, String example) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw usageError(
                        "--map expects COLUMN=FIELD, such as --map \"" + example + "\", not \"" + entry + "\"");
            }
            map.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return map;
    }

    /** A usage error naming this command's option: exit 2, with the command's usage hint. */
    CommandLine.ParameterException usageError(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
