package com.aliasimport.csv;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Streams the data records of a file that passed preflight, with the same line numbers. Restartable: opening with
 * {@code skipRecords = N} positions it after the first N data records, handing each skipped one to
 * {@code onSkipped} so the caller can rebuild in-memory state (duplicate detection) without sending it again.
 * <p>
 * A file that has become unparseable since preflight throws {@link CsvFileException}; an I/O failure throws
 * {@link java.io.UncheckedIOException} naming the file and line.
 */
public final class CsvRowCursor implements Closeable {

    private final Path file;
    private final CsvRecordReader reader;
    private long consumed;

    private CsvRowCursor(Path file, CsvRecordReader reader) {
        this.file = file;
        this.reader = reader;
    }

    public static CsvRowCursor open(Path file, CsvSettings settings, long skipRecords, Consumer<CsvRow> onSkipped) {
        if (skipRecords < 0) {
            throw new IllegalArgumentException("skipRecords must be 0 or more, not " + skipRecords);
        }
        Consumer<CsvRow> skipped = Objects.requireNonNullElse(onSkipped, row -> {});
        CsvRowCursor cursor = new CsvRowCursor(file, CsvRecordReader.open(file, settings, CsvFiles.open(file)));
        try {
            while (cursor.consumed < skipRecords) {
                CsvRow row = cursor.next();
                if (row == null) {
                    throw CsvFileException.at(
                            file,
                            0,
                            0,
                            "has " + cursor.consumed + " data records but " + skipRecords
                                    + " were already processed; the file has changed since the run started");
                }
                skipped.accept(row);
            }
            return cursor;
        } catch (RuntimeException e) {
            cursor.close();
            throw e;
        }
    }

    /** The header names, trimmed. */
    public List<String> header() {
        return reader.header();
    }

    /** The next data record, or null at the end of the file. */
    public CsvRow next() {
        CsvRow row = reader.next();
        if (row != null) {
            consumed++;
        }
        return row;
    }

    /** Data records returned or skipped so far: the position to restart from. */
    public long recordsConsumed() {
        return consumed;
    }

    @Override
    public void close() {
        reader.close();
    }

    @Override
    public String toString() {
        return "CsvRowCursor[" + file + " after " + consumed + " records]";
    }
}
