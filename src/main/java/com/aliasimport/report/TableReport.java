package com.aliasimport.report;

import com.aliasimport.outcome.FailedRow;
import com.aliasimport.outcome.FailureType;
import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunCounts;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The report for a person at a terminal: the run, one line per failed row, and what to do about each kind. */
final class TableReport implements ReportWriter {

    // Long values and messages are cut here only; the CSV and JSON carry them whole.
    private static final int VALUE_WIDTH = 40;
    private static final int MESSAGE_WIDTH = 100;

    private final PrintWriter out;
    private final ImportRun run;
    private final Map<FailureType, Long> byType = new EnumMap<>(FailureType.class);

    TableReport(PrintWriter out, ImportRun run) {
        this.out = out;
        this.run = run;
    }

    @Override
    public void begin() {
        RunCounts c = run.counts();
        out.printf(
                "run %d (%s) of %s [%s]: %s%n",
                run.id(),
                RunText.kind(run),
                RunText.forTerminal(run.fileName(), 200),
                RunText.shortHash(run.contentHash()),
                RunText.status(run.status()));
        out.printf(
                "  %d read, %d sent: %d accepted, %d rejected, %d exhausted, %d unknown; %d invalid,"
                        + " %d duplicates; %d retried%n",
                c.read(),
                c.sent(),
                c.accepted(),
                c.rejected(),
                c.exhausted(),
                c.unknown(),
                c.invalid(),
                c.duplicate(),
                c.retried());
        out.printf(
                "  started %s, ended %s (%s, %s)%n",
                RunText.time(run.startedAt()),
                RunText.time(run.endedAt()),
                RunText.duration(run.activeTime()),
                RunText.rate(run));
        if (run.message() != null) {
            out.println("  " + RunText.forTerminal(run.message(), MESSAGE_WIDTH * 2));
        }
    }

    @Override
    public void row(FailedRow row) {
        if (byType.isEmpty()) {
            out.println();
            out.printf("%6s  %-9s  %4s  %5s  %s%n", "line", "type", "http", "tries", "message | values");
        }
        byType.merge(row.type(), 1L, Long::sum);
        String values = row.record().entrySet().stream()
                .map(e -> RunText.forTerminal(e.getKey(), VALUE_WIDTH) + "=\""
                        + RunText.forTerminal(e.getValue(), VALUE_WIDTH) + "\"")
                .collect(Collectors.joining(" "));
        out.printf(
                "%6d  %-9s  %4s  %5d  %s | %s%s%n",
                row.line(),
                row.type(),
                row.httpStatus() == null ? "-" : row.httpStatus(),
                row.attempts(),
                RunText.forTerminal(row.message(), MESSAGE_WIDTH),
                values,
                row.resolvedByRun() == null ? "" : " (resolved by run " + row.resolvedByRun() + ")");
    }

    @Override
    public void end(ReportTotals totals) {
        out.println();
        if (totals.rows() == 0) {
            out.println(totals.resolvedNotShown() > 0 ? "no unresolved failed rows." : "no failed rows.");
        }
        byType.forEach((type, n) -> out.printf("%d %s: %s%n", n, type, advice(type)));
        if (totals.resolvedNotShown() > 0) {
            long n = totals.resolvedNotShown();
            out.printf(
                    "%d failed %s that later runs got through %s not shown (--include-resolved shows %s).%n",
                    n, n == 1 ? "row" : "rows", n == 1 ? "is" : "are", n == 1 ? "it" : "them");
        }
        out.flush();
    }

    private String advice(FailureType type) {
        long id = run.id();
        return switch (type) {
            case INVALID ->
                "fix the file: 'alias-import report --run " + id + " --format csv --output FILE' writes"
                        + " these rows to a CSV you can correct and import as it is";
            case REJECTED ->
                "fix the data or the mapping, then 'alias-import retry-failed --run " + id + " --include-rejected'";
            case EXHAUSTED -> "the API kept failing; 'alias-import retry-failed --run " + id + "' sends them again";
            case UNKNOWN ->
                "the API may have taken them; 'alias-import retry-failed --run " + id + "' sends them" + " again";
            case DUPLICATE -> "nothing to do: the same values were sent with an earlier line";
        };
    }
}
