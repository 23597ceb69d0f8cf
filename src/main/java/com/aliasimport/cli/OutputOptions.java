package com.aliasimport.cli;

import picocli.CommandLine.Option;

/** How much a sending command prints while it runs. */
class OutputOptions {

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress bar, even on a terminal.")
    boolean quiet;

    @Option(
            names = "--progress",
            description = "Print a progress line every 10 seconds, to stderr (to stdout with --json), for logs and cron"
                    + " jobs that want them; the log file always has them.")
    boolean progress;

    @Option(
            names = "--json",
            description = "stdout holds JSON only: the summary (and progress lines), one object a line, failures"
                    + " included (docs/json.md).")
    boolean json;
}
