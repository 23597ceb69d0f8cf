package com.aliasimport.cli;

import com.aliasimport.anonymize.ResultsFile;
import com.aliasimport.anonymize.ResultsFormat;
import com.aliasimport.exit.ExitCodes;
import com.aliasimport.report.ReportExporter;
import com.aliasimport.report.ReportFormat;
import com.aliasimport.report.ReportTotals;
import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

// A fresh instance per command line: picocli keeps option values in the command's fields.
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Shows the rows of a run that did not make it into CustomerGauge, why, and what to do.",
            "--format csv writes a file you can correct in a spreadsheet and import as it is.",
            "For an anonymize check, writes its results file again (to --output, or anonymize-check-run<N>.csv):"
                    + " never to the console, as it holds personal data."
        })
class ReportCommand extends CliCommand {

    @Option(
            names = "--run",
            paramLabel = "ID|last",
            defaultValue = "last",
            description = "The run to report on (default: the newest run; see 'alias-import history').")
    String run;

    @Option(
            names = "--format",
            paramLabel = "table|csv|json",
            defaultValue = "table",
            description = "table (default) for reading, csv to correct and import again, json for tools.")
    ReportFormat format;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description =
                    "Write the report to FILE instead of the" + " console (a CSV file then opens correctly in Excel).")
    Path output;

    @Option(names = "--include-resolved", description = "Also list failed rows that a later run got through.")
    boolean includeResolved;

    @Option(
            names = "--json",
            description = "The report as JSON (--format json); with --output, or for an anonymize check, a JSON"
                    + " line saying what was written. stdout holds JSON only.")
    boolean json;

    private final RunStore runs;
    private final ReportExporter exporter;
    private final ResultsFile resultsFile;

    ReportCommand(RunStore runs, ReportExporter exporter, ResultsFile resultsFile) {
        this.runs = runs;
        this.exporter = exporter;
        this.resultsFile = resultsFile;
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        ImportRun selected = RunSelector.select(runs, run);
        if (selected.kind() == ImportRun.Kind.RETRY && selected.retryOf() != null) {
            ImportRun origin = runs.find(selected.retryOf()).orElse(selected);
            if (origin.kind() == ImportRun.Kind.CHECK) {
                selected = origin; // a retry pass's keys are part of the check's results
            }
        }
        if (json) {
            format = ReportFormat.JSON;
        }
        if (selected.kind() == ImportRun.Kind.CHECK) {
            return checkResults(out, selected);
        }
        if (output == null) {
            ReportTotals totals = exporter.write(selected, format, includeResolved, out);
            out.flush();
            // The console carries the CSV itself: the note goes to stderr.
            duplicatesNote(err(), totals);
            return ExitCodes.OK;
        }
        ReportTotals totals;
        try {
            totals = exporter.write(selected, format, includeResolved, output);
        } catch (IOException e) {
            throw new UsageException("cannot write " + output + ": " + describe(e));
        }
        if (json) {
            written(out, selected, output, totals.rows());
            duplicatesNote(err(), totals);
            return ExitCodes.OK;
        }
        out.printf(
                "wrote %d %s to %s (run %d)%n",
                totals.rows(), totals.rows() == 1 ? "row" : "rows", output, selected.id());
        duplicatesNote(out, totals);
        return ExitCodes.OK;
    }

    /**
     * An anonymize check's report is its results file, written again from the database. It holds personal data, so
     * it goes to a file, never to the console.
     */
    private int checkResults(PrintWriter out, ImportRun check) {
        if (check.purgedAt() != null) {
            throw new UsageException("run " + check.id() + " was purged on " + check.purgedAt()
                    + ": its results are no longer stored; check the file again with --new-run");
        }
        ResultsFormat resultsFormat = format == ReportFormat.JSON ? ResultsFormat.JSON : ResultsFormat.CSV;
        Path file = output != null ? output : ResultsFile.defaultPath(check.id(), resultsFormat);
        long lines;
        try {
            lines = resultsFile.write(check.id(), resultsFormat, file);
        } catch (IOException e) {
            throw new UsageException("cannot write " + file + ": " + describe(e));
        }
        if (json) {
            written(out, check, file, lines);
            return ExitCodes.OK;
        }
        out.printf(
                "wrote %d %s of results to %s (run %d; readable by you only)%n",
                lines, lines == 1 ? "line" : "lines", file, check.id());
        return ExitCodes.OK;
    }

    /** With --json, what was written to a file, as one JSON line. */
    private static void written(PrintWriter out, ImportRun run, Path file, long lines) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event", "report");
        json.put("command", "report");
        json.put("exitCode", ExitCodes.OK);
        json.put("run", run.id());
        json.put("output", file.toString());
        json.put("lines", lines);
        JsonOutput.line(out, json);
    }

    private static void duplicatesNote(PrintWriter to, ReportTotals totals) {
        if (totals.duplicatesLeftOut() > 0) {
            to.printf(
                    "%d duplicate %s left out: %s the same values as an earlier line, which was sent.%n",
                    totals.duplicatesLeftOut(),
                    totals.duplicatesLeftOut() == 1 ? "row" : "rows",
                    totals.duplicatesLeftOut() == 1 ? "it has" : "they have");
            to.flush();
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        // Its message repeats the file name, which the caller has already given.
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
