package com.aliasimport.report;

import com.aliasimport.config.AliasImportProperties;
import com.aliasimport.outcome.RowOutcomeStore;
import com.aliasimport.run.ImportRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.exc.JacksonIOException;

/**
 * Writes a run's failed-row report, streaming the rows from the database so that memory stays flat however many
 * there are. Secrets cannot appear in it: the database holds no client secret and no token.
 */
@Service
public class ReportExporter {

    private final RowOutcomeStore outcomes;
    private final AliasImportProperties properties;

    public ReportExporter(RowOutcomeStore outcomes, AliasImportProperties properties) {
        this.outcomes = outcomes;
        this.properties = properties;
    }

    /** Writes the report to a console; leaves it open. No byte order mark: it would be junk in a pipe. */
    public ReportTotals write(ImportRun run, ReportFormat format, boolean includeResolved, PrintWriter out) {
        return export(run, format, includeResolved, out, false);
    }

    /**
     * Writes the report to a file. The CSV is in the configured CSV encoding and delimiter, so that it can be
     * imported as it is, with a byte order mark when that is UTF-8 (for Excel); the table and JSON are UTF-8.
     *
     * @throws IOException when the file cannot be written, or a value cannot be encoded in the CSV encoding
     */
    public ReportTotals write(ImportRun run, ReportFormat format, boolean includeResolved, Path file)
            throws IOException {
        Charset charset = format == ReportFormat.CSV ? properties.csv().charset() : StandardCharsets.UTF_8;
        // A strict encoder: a value the encoding cannot hold must fail the export, not turn into '?' and be imported.
        try (Writer out = Files.newBufferedWriter(file, charset)) {
            return export(
                    run,
                    format,
                    includeResolved,
                    out,
                    format == ReportFormat.CSV && charset.equals(StandardCharsets.UTF_8));
        } catch (UncheckedIOException | JacksonIOException e) {
            IOException cause = (IOException) e.getCause();
            if (cause instanceof CharacterCodingException) {
                throw new IOException(
                        "a value cannot be written in " + charset.name()
                                + " (alias-import.csv.encoding); write the report as UTF-8",
                        cause);
            }
            throw cause;
        }
    }

    private ReportTotals export(
            ImportRun run, ReportFormat format, boolean includeResolved, Writer out, boolean byteOrderMark) {
        if (format == ReportFormat.JSON) {
            try (JsonGenerator json = RunJson.generator(out)) {
                ReportTotals totals = export(run, includeResolved, new JsonReport(json, run, includeResolved));
                write(out, System.lineSeparator());
                return totals;
            }
        }
        if (format == ReportFormat.CSV) {
            return export(
                    run,
                    includeResolved,
                    new CsvReport(out, properties.csv().delimiterChar(), columns(run), byteOrderMark));
        }
        PrintWriter printer = out instanceof PrintWriter p ? p : new PrintWriter(out);
        ReportTotals totals = export(run, includeResolved, new TableReport(printer, run));
        if (printer != out && printer.checkError()) {
            throw new UncheckedIOException(new IOException("cannot write the report"));
        }
        return totals;
    }

    /**
     * The data columns of the run's CSV report: the fields its failed rows hold (those of the profile it imported,
     * as the file gave them), or the default mapping's when it has none.
     */
    private List<String> columns(ImportRun run) {
        return outcomes.firstFailed(run.id())
                .map(row -> List.copyOf(row.record().keySet()))
                .filter(fields -> !fields.isEmpty())
                .orElse(properties.mapping().fields());
    }

    private ReportTotals export(ImportRun run, boolean includeResolved, ReportWriter writer) {
        long[] counts = new long[3];
        writer.begin();
        outcomes.forEachFailed(run.id(), row -> {
            if (row.resolvedByRun() != null && !includeResolved) {
                counts[1]++;
            } else if (!writer.lists(row)) {
                counts[2]++;
            } else {
                writer.row(row);
                counts[0]++;
            }
        });
        ReportTotals totals = new ReportTotals(counts[0], counts[1], counts[2]);
        writer.end(totals);
        return totals;
    }

    private static void write(Writer out, String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
