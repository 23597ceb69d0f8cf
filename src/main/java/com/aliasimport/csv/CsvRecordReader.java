package com.aliasimport.csv;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The one reading pipeline that preflight and the cursor share, so both see the same records at the same lines:
 * bytes -> byte order mark and encoding checks -> strict decoding -> quoting checks and cutting of over-long
 * records -> Commons CSV -> header + data records.
 * Problems with the file's content become {@link CsvFileException}; I/O failures become
 * {@link UncheckedIOException} naming the file and line.
 */
final class CsvRecordReader implements Closeable {

    /** What an over-long record keeps of each value: enough for a person to recognise the row in the report. */
    static final int KEPT_OF_OVER_LONG_VALUE = 256;

    private final Path file;
    private final CsvSettings settings;
    private final StrictQuoteReader quotes;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private List<String> header;
    /** Physical lines consumed so far; the next record starts on the line after. */
    private long linesConsumed;
    /** The parser's line count after the last record: short of the file's by the line breaks cut out. */
    private long parserLines;

    private long dataRecords;

    private CsvRecordReader(Path file, CsvSettings settings, StrictQuoteReader quotes, CSVParser parser) {
        this.file = file;
        this.settings = settings;
        this.quotes = quotes;
        this.parser = parser;
        this.records = parser.iterator();
    }

    /** Takes ownership of {@code raw} (the file's bytes from the start), reads and checks the header. */
    static CsvRecordReader open(Path file, CsvSettings settings, InputStream raw) {
        CsvRecordReader reader = null;
        try {
            BufferedInputStream bytes = new BufferedInputStream(raw, 65536);
            Charset charset = ByteOrderMarks.check(bytes, file, settings.charset());
            Utf16WithoutMark.refuse(bytes, file, charset);
            // Strict: a wrong byte must refuse the file, not become U+FFFD and get sent.
            InputStreamReader decoded = new InputStreamReader(
                    bytes,
                    charset.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT));
            StrictQuoteReader quotes = new StrictQuoteReader(decoded, file, settings.delimiter());
            CSVParser parser = CSVParser.builder()
                    .setReader(quotes)
                    .setFormat(format(settings))
                    .get();
            reader = new CsvRecordReader(file, settings, quotes, parser);
            reader.readHeader();
            return reader;
        } catch (IOException e) {
            closeQuietly(raw, e);
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(reader != null ? reader : raw, e);
            throw e;
        }
    }

    static CSVFormat format(CsvSettings settings) {
        return CSVFormat.DEFAULT
                .builder()
                .setDelimiter(settings.delimiter())
                // Keep blank lines as records so every record's line number stays exact; next() drops them.
                .setIgnoreEmptyLines(false)
                .get();
    }

    List<String> header() {
        return header;
    }

    /** The next data record, or null at the end of the file. */
    CsvRow next() {
        CSVRecord record;
        while ((record = nextRecord()) != null) {
            long line = linesConsumed + 1;
            StrictQuoteReader.OverLongRecord overLong = consumed(line);
            if (overLong != null) {
                return new CsvRow(
                        line,
                        ++dataRecords,
                        startOf(record),
                        String.format(
                                Locale.ROOT,
                                "the record is %,d characters long; the limit is %,d",
                                overLong.length(),
                                StrictQuoteReader.MAX_RECORD_CHARS));
            }
            if (!isBlank(record)) {
                return new CsvRow(line, ++dataRecords, record.toList());
            }
        }
        return null;
    }

    /** Counts the lines of the record just parsed, which started on {@code line}; says whether it was cut. */
    private StrictQuoteReader.OverLongRecord consumed(long line) {
        long parserNow = parser.getCurrentLineNumber();
        linesConsumed += parserNow - parserLines;
        parserLines = parserNow;
        StrictQuoteReader.OverLongRecord overLong = quotes.takeOverLong(line);
        if (overLong != null) {
            linesConsumed += overLong.lineBreaksLeftOut();
        }
        return overLong;
    }

    /** The first characters of each value of a cut record: all the report needs, and memory stays small. */
    private static List<String> startOf(CSVRecord record) {
        List<String> values = new ArrayList<>(record.size());
        for (String value : record) {
            int keep = value.codePointCount(0, value.length()) <= KEPT_OF_OVER_LONG_VALUE
                    ? value.length()
                    : value.offsetByCodePoints(0, KEPT_OF_OVER_LONG_VALUE);
            values.add(value.substring(0, keep));
        }
        return values;
    }

    private void readHeader() {
        CSVRecord record;
        boolean sawBlank = false;
        while ((record = nextRecord()) != null) {
            long line = linesConsumed + 1;
            StrictQuoteReader.OverLongRecord overLong = consumed(line);
            if (overLong != null) {
                throw CsvFileException.at(
                        file,
                        line,
                        0,
                        String.format(
                                Locale.ROOT,
                                "the header is %,d characters" + " long; the limit is %,d: is this a CSV file?",
                                overLong.length(),
                                StrictQuoteReader.MAX_RECORD_CHARS));
            }
            if (isBlank(record)) {
                sawBlank = true;
                continue;
            }
            header = checkedHeader(record.toList(), line);
            return;
        }
        String example = "Account Name" + settings.delimiterForDisplay() + "Alias";
        throw CsvFileException.worded(
                file,
                0,
                0,
                file + (sawBlank ? " has only blank lines" : " is empty") + ": expected a header line such as \""
                        + example + "\"",
                null);
    }

    private List<String> checkedHeader(List<String> raw, long line) {
        List<String> names = new ArrayList<>(raw.size());
        for (String name : raw) {
            names.add(name.strip());
        }
        // The mark is skipped before decoding; this is a backstop so that it never hides inside the first name.
        if (names.get(0).startsWith("\uFEFF")) {
            names.set(0, names.get(0).substring(1).strip());
        }
        // Blank names are allowed here: the preflight checks that such a column is empty on every line.
        Map<String, Integer> firstColumn = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isEmpty()) {
                continue;
            }
            Integer earlier = firstColumn.putIfAbsent(names.get(i), i + 1);
            if (earlier != null) {
                throw CsvFileException.at(
                        file,
                        line,
                        0,
                        "the header has two columns named " + MessageText.quoted(names.get(i)) + " (columns " + earlier
                                + " and " + (i + 1) + ")");
            }
        }
        return List.copyOf(names);
    }

    /** A line with nothing but spaces on it; Commons CSV gives it as a record of one (near-)empty value. */
    private static boolean isBlank(CSVRecord record) {
        return record.size() == 1 && record.get(0).isBlank();
    }

    private CSVRecord nextRecord() {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            throw translate(e.getCause());
        }
    }

    private RuntimeException translate(IOException e) {
        long line = linesConsumed + 1;
        if (e instanceof CharacterCodingException coding) {
            return DecodingErrorLocator.locate(file, settings, coding);
        }
        if (e instanceof CSVException) {
            // StrictQuoteReader sees every character first, so this is a backstop, not a path we expect.
            return CsvFileException.at(file, line, 0, "cannot parse this record: " + e.getMessage(), e);
        }
        return new UncheckedIOException(file + ": line " + line + ": cannot read: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot close: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Closeable closeable, Exception failure) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
