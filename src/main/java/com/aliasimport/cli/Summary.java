package com.aliasimport.cli;

import com.aliasimport.csv.Preflight;
import com.aliasimport.exit.ExitCodes;
import com.aliasimport.importer.ImportResult;
import com.aliasimport.job.RunOutcome;
import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunCounts;
import com.aliasimport.sending.flow.FlowFigures;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The lines printed when an import ends, and the exit code that goes with them. */
final class Summary {

    private Summary() {}

    /** The summary as one JSON object on one line, for tools; the exit code is the same as {@link #print}'s. */
    static int printJson(PrintWriter out, ImportResult result) {
        int exitCode = exitCode(result);
        RunCounts c = result.counts();
        // "ALREADY_IMPORTED" is what scripts have read since the first version: kept for them.
        String outcome = result.outcome() == RunOutcome.NOTHING_TO_DO
                ? "ALREADY_IMPORTED"
                : result.outcome().name();
        Map<String, Object> json = JsonOutput.summary("import", outcome, exitCode);
        putFile(json, result.preflight());
        if (result.run() != null) {
            json.put("run", result.run().id());
            json.put("seconds", result.run().activeTime().toMillis() / 1000.0);
            json.put("rowsPerSecond", Math.round(result.run().rowsPerSecond() * 10) / 10.0);
            ImportRun.Flow flow = result.run().flow();
            json.put("requests", flow.requests());
            json.put("throttled", flow.throttled());
            if (flow.learnedLimit() != null) {
                json.put("learnedLimit", Math.round(flow.learnedLimit() * 10) / 10.0);
            }
            if (result.flow() != null) {
                json.put("configuredRate", result.flow().configuredRate());
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("read", c.read());
        counts.put("sent", c.sent());
        counts.put("accepted", c.accepted());
        counts.put("rejected", c.rejected());
        counts.put("invalid", c.invalid());
        counts.put("duplicate", c.duplicate());
        counts.put("exhausted", c.exhausted());
        counts.put("unknown", c.unknown());
        counts.put("retried", c.retried());
        json.put("counts", counts);
        if (result.message() != null) {
            json.put("message", result.message());
        }
        JsonOutput.line(out, json);
        return exitCode;
    }

    /** The file as every command's JSON names it: {@code file} (its name), {@code path}, {@code sha256}. */
    static void putFile(Map<String, Object> json, Preflight preflight) {
        Path file = preflight.file();
        json.put("file", file.getFileName().toString());
        json.put("path", file.toAbsolutePath().toString());
        json.put("sha256", preflight.sha256Hex());
    }

    /** Says when the API's own limit, not --rate, set the pace (CustomerGauge documents none, so users guess). */
    private static void heldTo(PrintWriter out, ImportRun.Flow flow, FlowFigures session) {
        if (flow.learnedLimit() == null) {
            return;
        }
        String rate =
                session != null && session.configuredRate() > 0 ? " (--rate " + session.configuredRate() + ")" : "";
        if (flow.throttled() > 0) {
            out.printf(
                    Locale.ROOT,
                    "the API held the run to about %.0f requests/s%s: %d of %d requests were answered"
                            + " 429 and sent again; the next run starts from that limit.%n",
                    flow.learnedLimit(),
                    rate,
                    flow.throttled(),
                    flow.requests());
        } else {
            out.printf(
                    Locale.ROOT,
                    "the API held the run to about %.0f requests/s%s, the limit an earlier run" + " learned.%n",
                    flow.learnedLimit(),
                    rate);
        }
    }

    static int print(PrintWriter out, ImportResult result) {
        RunCounts c = result.counts();
        String file = result.preflight().file().toString();
        switch (result.outcome()) {
            case DRY_RUN -> {
                out.printf(
                        "dry run of %s: %d rows read; %d would be sent, %d invalid, %d duplicates; nothing sent.%n",
                        file, c.read(), c.sent(), c.invalid(), c.duplicate());
                result.sampleProblems().forEach(p -> out.println("  " + p));
                if (c.invalid() > result.sampleProblems().size()) {
                    out.println("  ...");
                }
                return exitCode(result);
            }
            case NOTHING_TO_DO -> {
                ImportRun run = result.run();
                out.printf(
                        "%s was already imported by run %d (%s, %s): nothing to do. Use --new-run to import it"
                                + " again.%n",
                        file,
                        run.id(),
                        run.endedAt(),
                        run.status().name().toLowerCase(Locale.ROOT).replace('_', ' '));
                return exitCode(result);
            }
            default -> {
                ImportRun run = result.run();
                out.printf(
                        Locale.ROOT,
                        "run %d, %s: %d rows read, %d sent: %d accepted, %d rejected, %d exhausted,"
                                + " %d unknown; %d invalid, %d duplicates (%.1f s, %.1f rows/s)%n",
                        run.id(),
                        file,
                        c.read(),
                        c.sent(),
                        c.accepted(),
                        c.rejected(),
                        c.exhausted(),
                        c.unknown(),
                        c.invalid(),
                        c.duplicate(),
                        run.activeTime().toMillis() / 1000.0,
                        run.rowsPerSecond());
                heldTo(out, run.flow(), result.flow());
            }
        }
        switch (result.outcome()) {
            case COMPLETED -> out.println("completed: every row accepted.");
            case COMPLETED_WITH_FAILURES ->
                out.printf(
                        "completed with %d failed rows: see them with 'alias-import" + " report --run %d'.%n",
                        c.failed(), result.run().id());
            case PAUSED ->
                out.printf("paused after the --limit rows: check them in CustomerGauge, then run the same"
                        + " command again to send the rest.%n");
            default -> {
                out.println("stopped: " + result.message());
                out.println("nothing is lost: fix the cause and run the same command again to resume.");
            }
        }
        return exitCode(result);
    }

    /** The exit code that goes with an import's outcome (the README's "Exit codes"). */
    static int exitCode(ImportResult result) {
        RunCounts c = result.counts();
        return switch (result.outcome()) {
            case COMPLETED, NOTHING_TO_DO -> ExitCodes.OK;
            case COMPLETED_WITH_FAILURES -> ExitCodes.ROWS_FAILED;
            case DRY_RUN -> c.invalid() > 0 ? ExitCodes.ROWS_FAILED : ExitCodes.OK;
            case PAUSED -> c.failed() > 0 ? ExitCodes.ROWS_FAILED : ExitCodes.OK;
            case FAILED -> ExitCodes.RUN_FAILED;
        };
    }
}
