package com.aliasimport.cli;

import com.aliasimport.config.SendSettings;
import com.aliasimport.config.SettingsResolver;
import com.aliasimport.exit.ExitCodes;
import com.aliasimport.job.RetryFailedLauncher;
import com.aliasimport.job.RetryRequest;
import com.aliasimport.job.RetryResult;
import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunCounts;
import com.aliasimport.run.RunStore;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

// A fresh instance per command line: picocli keeps option values in the command's fields.
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
@Command(
        name = "retry-failed",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Sends the rows of an import (or the keys of an anonymize check) that failed for transient or"
                    + " server-side reasons again (EXHAUSTED, UNKNOWN; REJECTED with --include-rejected).",
            "INVALID rows are not re-sent: fix the file (see 'report --format csv') and import it.",
            "A retry that fails or dies is resumed by running the same command."
        })
class RetryFailedCommand extends CliCommand {

    @Option(
            names = "--run",
            paramLabel = "ID|last",
            defaultValue = "last",
            description = "The import or anonymize check whose failed rows to re-send (default: the newest run).")
    String run;

    @Option(
            names = "--include-rejected",
            description =
                    "Also re-send rows the API rejected (after fixing the" + " inbound mapping in CustomerGauge).")
    boolean includeRejected;

    @Option(
            names = "--sandbox",
            description = "Re-send to the built-in fake API (for a run imported with" + " --sandbox).")
    boolean sandbox;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description = "The profile the import used (its configuration reference decides where rows go).")
    String profile;

    @Mixin
    RateOptions speed = new RateOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    private final SettingsResolver settings;
    private final RunStore runs;
    private final RetryFailedLauncher launcher;

    RetryFailedCommand(SettingsResolver settings, RunStore runs, RetryFailedLauncher launcher) {
        this.settings = settings;
        this.runs = runs;
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        ImportRun selected = RunSelector.select(runs, run);
        ImportRun origin = selected.kind() == ImportRun.Kind.RETRY
                ? runs.find(selected.retryOf()).orElseThrow(() -> new UsageException("no run " + selected.retryOf()))
                : selected;
        SendSettings send = settings.sendSettings(speed.rate, speed.concurrency, null);
        try (Destination destination = Destination.openFor(origin.kind(), settings, sandbox, profile, err());
                ProgressDisplay display = ProgressDisplay.choose(output.quiet, output.progress, output.json)) {
            RetryResult result = launcher.retry(
                    origin.id(),
                    new RetryRequest(
                            origin.id(),
                            destination.api(),
                            destination.target(),
                            send,
                            includeRejected,
                            display::start));
            display.close();
            return output.json ? printJson(out, result) : print(out, result);
        }
    }

    /** The exit code that goes with a retry pass's outcome. */
    private static int exitCode(RetryResult result) {
        return switch (result.outcome()) {
            case COMPLETED, NOTHING_TO_DO, DRY_RUN -> ExitCodes.OK;
            case COMPLETED_WITH_FAILURES -> ExitCodes.ROWS_FAILED;
            case PAUSED, FAILED -> ExitCodes.RUN_FAILED;
        };
    }

    private static int printJson(PrintWriter out, RetryResult result) {
        int exitCode = exitCode(result);
        ImportRun origin = result.origin();
        Map<String, Object> json =
                JsonOutput.summary("retry-failed", result.outcome().name(), exitCode);
        json.put("file", origin.fileName());
        json.put("path", origin.filePath());
        json.put("sha256", origin.contentHash());
        json.put("retryOf", origin.id());
        if (result.retry() != null) {
            json.put("run", result.retry().id());
            json.put("seconds", result.retry().activeTime().toMillis() / 1000.0);
        }
        RunCounts c = result.counts();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("sent", c.sent());
        counts.put("accepted", c.accepted());
        counts.put("rejected", c.rejected());
        counts.put("exhausted", c.exhausted());
        counts.put("unknown", c.unknown());
        json.put("counts", counts);
        json.put("stillFailing", result.stillFailing());
        if (result.message() != null) {
            json.put("message", result.message());
        }
        JsonOutput.line(out, json);
        return exitCode;
    }

    private int print(PrintWriter out, RetryResult result) {
        ImportRun origin = result.origin();
        if (result.retry() == null) {
            out.printf(
                    "run %d (%s) has no rows to retry%s.%n",
                    origin.id(),
                    origin.fileName(),
                    includeRejected ? "" : " (REJECTED rows are re-sent only with --include-rejected)");
            return exitCode(result);
        }
        RunCounts c = result.counts();
        out.printf(
                Locale.ROOT,
                "retry run %d of run %d, %s: %d rows re-sent: %d accepted, %d rejected,"
                        + " %d exhausted, %d unknown (%.1f s)%n",
                result.retry().id(),
                origin.id(),
                origin.fileName(),
                c.sent(),
                c.accepted(),
                c.rejected(),
                c.exhausted(),
                c.unknown(),
                result.retry().activeTime().toMillis() / 1000.0);
        if (origin.kind() == ImportRun.Kind.CHECK) {
            out.printf(
                    "the results of run %d now hold the keys checked again: 'alias-import report --run %d' writes"
                            + " them.%n",
                    origin.id(), origin.id());
        }
        switch (result.outcome()) {
            case COMPLETED -> out.println("every re-sent row was accepted.");
            case COMPLETED_WITH_FAILURES ->
                out.printf(
                        "%d rows still fail: see 'alias-import report --run %d'.%n",
                        result.stillFailing(), origin.id());
            default -> {
                out.println("stopped: " + result.message());
                out.println("nothing is lost: fix the cause and run the same command again to resume.");
            }
        }
        return exitCode(result);
    }
}
