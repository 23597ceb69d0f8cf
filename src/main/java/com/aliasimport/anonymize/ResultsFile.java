package com.aliasimport.anonymize;

import com.aliasimport.csv.FormulaGuard;
import com.aliasimport.outcome.FailedRow;
import com.aliasimport.outcome.FailureType;
import com.aliasimport.outcome.RowOutcomeStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an anonymize check's results from the database: one line per matched record (FOUND), one per key that
 * matched nothing (NOT_FOUND) or did not get an answer (INVALID, DUPLICATE, REJECTED, EXHAUSTED), in the order of
 * the file. The file holds personal data: it is created readable and writable by its owner only, and CSV cells a
 * spreadsheet would run as a formula get a leading apostrophe.
 */
@Component
public class ResultsFile {

    public static final List<String> HEADER = List.of(
            "line",
            "key_type",
            "key",
            "status",
            "total",
            "first_name",
            "last_name",
            "email",
            "sms_telephone",
            "number_customergauge",
            "message");

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CheckResultStore results;
    private final RowOutcomeStore outcomes;

    ResultsFile(CheckResultStore results, RowOutcomeStore outcomes) {
        this.results = results;
        this.outcomes = outcomes;
    }

    /** One line of the results. */
    record Line(long line, String keyType, String key, String status, Long total, Answer.Match match, String message) {

        List<String> cells() {
            Answer.Match m = match != null ? match : new Answer.Match("", "", "", "", "");
            return List.of(
                    Long.toString(line),
                    keyType,
                    key,
                    status,
                    total == null ? "" : Long.toString(total),
                    m.firstName(),
                    m.lastName(),
                    m.email(),
                    m.smsTelephone(),
                    m.numberCustomerGauge(),
                    message == null ? "" : message);
        }
    }

    /** The default name: {@code anonymize-check-run<N>.csv} (or .json) in the working directory. */
    public static Path defaultPath(long runId, ResultsFormat format) {
        return Path.of("anonymize-check-run" + runId + "." + format.extension());
    }

    /** Writes run {@code runId}'s results to {@code file}; the number of lines written. */
    public long write(long runId, ResultsFormat format, Path file) throws IOException {
        List<Line> lines = lines(runId);
        try (OutputStream out = ownerOnly(file)) {
            if (format == ResultsFormat.JSON) {
                writeJson(lines, out);
            } else {
                writeCsv(lines, out);
            }
        }
        return lines.size();
    }

    /** The results in file order: stored answers merged with the keys that failed (and were not resolved since). */
    List<Line> lines(long runId) {
        Deque<FailedRow> failed = new ArrayDeque<>();
        outcomes.forEachFailed(runId, row -> {
            if (row.resolvedByRun() == null) {
                failed.add(row);
            }
        });
        List<Line> lines = new ArrayList<>();
        results.forEach(runId, stored -> {
            while (!failed.isEmpty() && failed.peekFirst().line() < stored.line()) {
                lines.add(failedLine(failed.pollFirst()));
            }
            lines.add(foundLine(stored));
        });
        failed.forEach(row -> lines.add(failedLine(row)));
        return lines;
    }

    private static Line foundLine(CheckResultStore.Stored s) {
        boolean found = s.ordinal() > 0;
        return new Line(
                KeyCheck.fileLineOf(s.line()),
                s.key().type().parameter(),
                s.key().value(),
                found ? "FOUND" : "NOT_FOUND",
                s.total(),
                found ? s.match() : null,
                null);
    }

    private static Line failedLine(FailedRow row) {
        Key key = KeyCheck.keyOf(row.record());
        String status = row.type() == FailureType.UNKNOWN
                ? FailureType.EXHAUSTED.name()
                : row.type().name();
        return new Line(
                KeyCheck.fileLineOf(row.line()),
                key.type().parameter(),
                key.value(),
                status,
                null,
                null,
                row.message());
    }

    private static void writeCsv(List<Line> lines, OutputStream out) throws IOException {
        var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (CSVPrinter csv = CSVFormat.RFC4180.builder().get().print(writer)) {
            csv.printRecord(HEADER);
            for (Line line : lines) {
                csv.printRecord(
                        line.cells().stream().map(FormulaGuard::neutralise).toList());
            }
        }
    }

    private static void writeJson(List<Line> lines, OutputStream out) {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (Line line : lines) {
                json.writeStartObject();
                List<String> cells = line.cells();
                for (int i = 0; i < HEADER.size(); i++) {
                    String name = HEADER.get(i);
                    if (name.equals("line")) {
                        json.writeNumberProperty(name, line.line());
                    } else if (name.equals("total")) {
                        if (line.total() == null) {
                            json.writeNullProperty(name);
                        } else {
                            json.writeNumberProperty(name, line.total());
                        }
                    } else {
                        json.writeStringProperty(name, cells.get(i));
                    }
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }

    /** Creates (or empties) the file readable and writable by its owner only, where the file system knows owners. */
    private static OutputStream ownerOnly(Path file) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        var channel = Files.newByteChannel(
                file,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                attributes);
        if (posix) {
            Files.setPosixFilePermissions(file, OWNER_ONLY); // an existing file keeps its mode otherwise
        }
        return Channels.newOutputStream(channel);
    }
}
