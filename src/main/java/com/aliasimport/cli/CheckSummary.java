package com.aliasimport.cli;

import com.aliasimport.anonymize.CheckResult;
import com.aliasimport.anonymize.CheckResultStore;
import com.aliasimport.exit.ExitCodes;
import com.aliasimport.job.RunOutcome;
import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunCounts;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The lines printed when an anonymize check ends, and its exit code. Counts only: the people found are in the
 * results file, never on the console.
 */
final class CheckSummary {

    private CheckSummary() {}

    static int print(PrintWriter out, CheckResult result) {
        RunCounts c = result.counts();
        String file = result.preflight().file().toString();
        switch (result.outcome()) {
            case DRY_RUN -> {
                out.printf(
                        "dry run of %s: %d rows, %d keys; %d would be looked up, %d invalid, %d duplicates;"
                                + " nothing sent.%n",
                        file, c.read(), result.keys(), c.sent(), c.invalid(), c.duplicate());
                result.sampleProblems().forEach(p -> out.println("  " + p));
                if (c.invalid() + c.duplicate() > result.sampleProblems().size()) {
                    out.println("  ...");
                }
                return exitCode(result);
            }
            case NOTHING_TO_DO -> {
                ImportRun run = result.run();
                out.printf(
                        "%s was already checked by run %d (%s): nothing to do. %s Use --new-run to check it again.%n",
                        file,
                        run.id(),
                        run.endedAt(),
                        run.purgedAt() != null
                                ? "Its results were purged."
                                : "'alias-import report --run " + run.id() + "' writes its results again.");
                return exitCode(result);
            }
            default -> {
                CheckResultStore.Found f = result.found();
                ImportRun run = result.run();
                out.printf(
                        Locale.ROOT,
                        "run %d, %s: %d rows, %d keys: %d checked: %d found (%d %s matched), %d not found;"
                                + " %d invalid, %d rejected, %d duplicates, %d exhausted (%.1f s)%n",
                        run.id(),
                        file,
                        c.read(),
                        result.keys(),
                        c.accepted(),
                        f.keysFound(),
                        f.records(),
                        f.records() == 1 ? "record" : "records",
                        f.keysNotFound(),
                        c.invalid(),
                        c.rejected(),
                        c.duplicate(),
                        c.exhausted() + c.unknown(),
                        run.activeTime().toMillis() / 1000.0);
            }
        }
        switch (result.outcome()) {
            case COMPLETED, COMPLETED_WITH_FAILURES -> {
                out.printf("results: %s (readable by you only)%n", result.results());
                if (c.exhausted() + c.unknown() > 0) {
                    out.printf(
                            "keys that got no answer: 'alias-import retry-failed --run %d' asks again.%n",
                            result.run().id());
                }
            }
            case PAUSED ->
                out.printf("paused after the --limit keys: run the same command again to check the rest; the"
                        + " results are written when every key is checked.%n");
            default -> {
                out.println("stopped: " + result.message());
                out.println("nothing is lost: fix the cause and run the same command again to resume.");
            }
        }
        return exitCode(result);
    }

    /** The summary as one JSON object on one line, for tools; the exit code is the same as {@link #print}'s. */
    static int printJson(PrintWriter out, CheckResult result) {
        int exitCode = exitCode(result);
        RunCounts c = result.counts();
        String outcome = result.outcome() == RunOutcome.NOTHING_TO_DO
                ? "ALREADY_CHECKED"
                : result.outcome().name();
        Map<String, Object> json = JsonOutput.summary("anonymize-check", outcome, exitCode);
        Summary.putFile(json, result.preflight());
        if (result.run() != null) {
            json.put("run", result.run().id());
            json.put("seconds", result.run().activeTime().toMillis() / 1000.0);
        }
        if (result.results() != null) {
            json.put("results", result.results().toString());
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("read", c.read());
        counts.put("keys", result.keys());
        counts.put("checked", c.accepted());
        if (result.found() != null) {
            counts.put("found", result.found().keysFound());
            counts.put("recordsMatched", result.found().records());
            counts.put("notFound", result.found().keysNotFound());
        }
        counts.put("invalid", c.invalid());
        counts.put("rejected", c.rejected());
        counts.put("duplicate", c.duplicate());
        counts.put("exhausted", c.exhausted() + c.unknown());
        json.put("counts", counts);
        if (result.message() != null) {
            json.put("message", result.message());
        }
        JsonOutput.line(out, json);
        return exitCode;
    }

    /** 0 every key checked (found or not), 3 some keys invalid, rejected, duplicate or unanswered, 1 stopped. */
    static int exitCode(CheckResult result) {
        RunCounts c = result.counts();
        boolean someNotChecked = c.failed() + c.duplicate() > 0;
        return switch (result.outcome()) {
            case NOTHING_TO_DO -> ExitCodes.OK;
            case COMPLETED, COMPLETED_WITH_FAILURES, DRY_RUN, PAUSED ->
                someNotChecked ? ExitCodes.ROWS_FAILED : ExitCodes.OK;
            case FAILED -> ExitCodes.RUN_FAILED;
        };
    }
}
