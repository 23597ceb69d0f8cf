package com.aliasimport.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;

/**
 * Checks RFC 4180 quoting as the characters stream past on their way to Commons CSV, which either accepts these
 * problems silently or reports them without a usable position:
 * <ul>
 * <li>a value that starts with spaces and then a quote ({@code , "x"}): Commons CSV, like Python's csv module and
 *     spreadsheets, keeps the quotes as part of the value, which would send {@code "x"} with its quotes, and splits
 *     {@code , "a, b"} in two; the quotes were meant as quoting, so the file is refused;</li>
 * <li>text after a closing quote ({@code "ab"c}): Commons CSV says "invalid char between encapsulated token and
 *     delimiter" with a character offset into the stream, not a column (Python would silently send {@code abc});</li>
 * <li>a quote that is never closed: Commons CSV reads to the end of the file, buffering all of it in one value,
 *     then names only the record's first line;</li>
 * <li>NUL characters (a binary file, or UTF-16 without a byte order mark) and records too long to be real, which
 *     also caps the memory one record can take.</li>
 * </ul>
 * A quote inside a value that does not start with one ({@code Dwayne "The Rock" Holdings}, {@code 37°36'37.8"N}) is
 * an ordinary character, kept as written, as spreadsheets and Commons CSV keep it.
 * <p>
 * It sits in front of Commons CSV's read-ahead buffer, so it sees every character before the parser does and its
 * errors win. Lines and columns are counted exactly as Commons CSV counts lines: CR, LF and CRLF each end a line,
 * inside quotes too; columns are 1-based and count code points.
 */
final class StrictQuoteReader extends FilterReader {

    /** Far beyond any real record (the API's own field limit is 128 characters); hit by runaway quotes. */
    static final int MAX_RECORD_CHARS = 1 << 20;

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED, AFTER_CLOSING_QUOTE }

    private final Path file;
    private final char delimiter;

    private State state = State.FIELD_START;
    private long line = 1;
    private long column;
    private boolean afterCr;
    private int field = 1;
    private long recordLine = 1;
    private long recordChars;
    /** The unquoted value so far is only spaces: a quote now means "space before the opening quote". */
    private boolean unquotedBlank;
    private long quoteLine;
    private long quoteColumn;
    private int quoteField;
    private final char[] single = new char[1];

    StrictQuoteReader(Reader in, Path file, char delimiter) {
        super(in);
        this.file = file;
        this.delimiter = delimiter;
    }

    @Override
    public int read() throws IOException {
        return read(single, 0, 1) < 0 ? -1 : single[0];
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            atEndOfFile();
            return n;
        }
        for (int i = offset; i < offset + n; i++) {
            check(buffer[i]);
        }
        return n;
    }

    /** FilterReader would skip in the underlying reader, past the checks. */
    @Override
    public long skip(long n) throws IOException {
        char[] buffer = new char[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check(char c) {
        if (c == '\n' && afterCr) {
            // The second half of CRLF: the line and, outside quotes, the record already ended at the CR.
            afterCr = false;
            if (state == State.QUOTED) {
                countRecordChar();
            }
            return;
        }
        boolean lineBreak = c == '\r' || c == '\n';
        afterCr = c == '\r';
        if (!lineBreak && !Character.isLowSurrogate(c)) {
            column++;
        }
        if (c == '\0') {
            throw CsvFileException.at(file, line, column, "a NUL character (byte 0x00): this is a binary file or UTF-16 "
                    + "without a byte order mark, not a CSV text file; save it as CSV UTF-8");
        }
        countRecordChar();
        switch (state) {
            case FIELD_START -> {
                if (c == '"') {
                    state = State.QUOTED;
                    quoteLine = line;
                    quoteColumn = column;
                    quoteField = field;
                } else {
                    unquoted(c, true);
                }
            }
            case UNQUOTED -> {
                if (c == '"' && unquotedBlank) {
                    throw spaceBeforeOpeningQuote();
                }
                unquoted(c, false); // any other quote here is part of the value
            }
            case QUOTED -> {
                if (c == '"') {
                    state = State.QUOTE_IN_QUOTED;
                }
            }
            case QUOTE_IN_QUOTED -> {
                if (c == '"') {
                    state = State.QUOTED; // a doubled quote: a literal quote in the value
                } else {
                    afterClosingQuote(c);
                }
            }
            case AFTER_CLOSING_QUOTE -> afterClosingQuote(c);
        }
        if (lineBreak) {
            line++;
            column = 0;
        }
    }

    private void unquoted(char c, boolean first) {
        if (c == delimiter) {
            nextField();
        } else if (c == '\r' || c == '\n') {
            endRecord();
        } else {
            unquotedBlank = (first || unquotedBlank) && Character.isWhitespace(c);
            state = State.UNQUOTED;
        }
    }

    private void afterClosingQuote(char c) {
        if (c == delimiter) {
            nextField();
        } else if (c == '\r' || c == '\n') {
            endRecord();
        } else if (Character.isWhitespace(c)) {
            state = State.AFTER_CLOSING_QUOTE; // Commons CSV drops spaces between a closing quote and the delimiter
        } else {
            String problem = "text after the closing quote of a value; a quote inside a quoted value must be doubled (\"\")";
            if (quoteLine != line) {
                problem += "; that quoted value started on line " + quoteLine + ", column " + quoteColumn
                        + ": is a closing quote missing there?";
            }
            throw CsvFileException.at(file, line, column, problem);
        }
    }

    private CsvFileException spaceBeforeOpeningQuote() {
        return CsvFileException.at(file, line, column, "a space before an opening quote; remove it "
                + "(a quoted value must start right after the delimiter, or the quotes become part of the value)");
    }

    private void nextField() {
        state = State.FIELD_START;
        field++;
    }

    private void endRecord() {
        state = State.FIELD_START;
        field = 1;
        recordChars = 0;
        recordLine = line + 1;
    }

    private void countRecordChar() {
        if (++recordChars <= MAX_RECORD_CHARS) {
            return;
        }
        if (state == State.QUOTED) {
            throw CsvFileException.at(file, quoteLine, quoteColumn, "a quoted value starts here (field " + quoteField
                    + ") and runs on for more than " + MAX_RECORD_CHARS + " characters: is its closing quote missing?");
        }
        throw CsvFileException.at(file, recordLine, 0, "a record longer than " + MAX_RECORD_CHARS
                + " characters starts here; this is not a CSV file this tool can import");
    }

    private void atEndOfFile() {
        if (state == State.QUOTED) {
            throw CsvFileException.at(file, quoteLine, quoteColumn, "a quoted value starts here (field " + quoteField
                    + ") and is never closed (unterminated quote)");
        }
    }
}
