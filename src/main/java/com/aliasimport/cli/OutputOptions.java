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
            description = "Print a progress line to stderr every 10 seconds (for logs"
                    + " and cron jobs that want them; the log file always has them).")
    boolean progress;

    @Option(
            names = "--json",
            description = "Print the final summary (and progress lines) as JSON, one object a" + " line.")
    boolean json;
}
