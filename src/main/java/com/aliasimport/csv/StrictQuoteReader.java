package com.aliasimport.csv;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Locale;

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
 * <li>NUL characters (a binary file, or UTF-16 without a byte order mark).</li>
 * </ul>
 * A quote inside a value that does not start with one ({@code Dwayne "The Rock" Holdings}, {@code 37°36'37.8"N}) is
 * an ordinary character, kept as written, as spreadsheets and Commons CSV keep it.
 * <p>
 * It also caps the memory one record can take: a record longer than {@link #MAX_RECORD_CHARS} is passed on cut to
 * its first {@code MAX_RECORD_CHARS} characters (closed as the parser needs it: a closing quote if the cut fell
 * inside a quoted value), the rest of it is only run through the checks and counted, and the record is noted as an
 * {@link OverLongRecord} for the caller to report as an invalid row. Only a quoted value still open at the end of the
 * file refuses the file: that is a missing closing quote, not a long record.
 * <p>
 * It sits in front of Commons CSV's read-ahead buffer, so it sees every character before the parser does and its
 * errors win. Lines and columns are counted exactly as Commons CSV counts lines: CR, LF and CRLF each end a line,
 * inside quotes too; columns are 1-based and count code points.
 */
final class StrictQuoteReader extends Reader {

    /** Far beyond any real record (the API's own field limit is 128 characters); memory per record stays below it. */
    static final int MAX_RECORD_CHARS = 1 << 20;

    /**
     * A record cut at {@link #MAX_RECORD_CHARS}.
     *
     * @param line              the line it starts on
     * @param length            its length in characters (code points, line breaks inside values included)
     * @param lineBreaksLeftOut line breaks inside its quoted values that were cut out with the rest: the parser
     *                          counted that many lines fewer
     */
    record OverLongRecord(long line, long length, long lineBreaksLeftOut) {}

    private enum State {
        FIELD_START,
        UNQUOTED,
        QUOTED,
        QUOTE_IN_QUOTED,
        AFTER_CLOSING_QUOTE
    }

    private final Reader in;
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

    /** The current record passed the limit: its characters are counted, not passed on. */
    private boolean cutting;
    /** The cut fell inside a quoted value: the parser needs a closing quote before the record ends. */
    private boolean closingQuoteOwed;

    private long lineBreaksLeftOut;
    /** Cut records the parser has been given but the caller has not taken yet (a few at most: the read-ahead). */
    private final ArrayDeque<OverLongRecord> overLong = new ArrayDeque<>();

    private final char[] input = new char[8192];
    /** What the parser gets: at most two characters for each one read (a closing quote, then a line break). */
    private final char[] output = new char[2 * input.length];

    private int outputStart;
    private int outputEnd;
    private boolean endOfFile;

    StrictQuoteReader(Reader in, Path file, char delimiter) {
        this.in = in;
        this.file = file;
        this.delimiter = delimiter;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        // A whole buffer of a cut record's characters gives nothing to pass on: read on.
        while (outputStart == outputEnd) {
            if (endOfFile) {
                return -1;
            }
            outputStart = 0;
            outputEnd = 0;
            int n = in.read(input, 0, input.length);
            if (n < 0) {
                endOfFile = true;
                atEndOfFile();
            }
            for (int i = 0; i < n; i++) {
                accept(input[i]);
            }
        }
        int n = Math.min(length, outputEnd - outputStart);
        System.arraycopy(output, outputStart, buffer, offset, n);
        outputStart += n;
        return n;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The record starting on {@code line} if it was cut, once; null when it was passed on whole. */
    OverLongRecord takeOverLong(long line) {
        // Records arrive in file order, so only the oldest can match.
        if (!overLong.isEmpty() && overLong.peek().line() == line) {
            return overLong.poll();
        }
        return null;
    }

    private void accept(char c) {
        if (c == '\n' && afterCr) {
            // The second half of CRLF: the line and, outside quotes, the record already ended at the CR.
            afterCr = false;
            if (state == State.QUOTED) {
                countRecordChar();
                if (cutting) {
                    return;
                }
            }
            emit(c);
            return;
        }
        boolean lineBreak = c == '\r' || c == '\n';
        afterCr = c == '\r';
        if (!lineBreak && !Character.isLowSurrogate(c)) {
            column++;
        }
        if (c == '\0') {
            throw CsvFileException.at(
                    file,
                    line,
                    column,
                    "a NUL character (U+0000): this is a binary file, or text in"
                            + " another encoding, not a CSV text file; save it as CSV UTF-8");
        }
        boolean endsRecord = lineBreak && state != State.QUOTED;
        if (!endsRecord && !Character.isLowSurrogate(c)) {
            countRecordChar(); // may start cutting, before this character
        }
        boolean cut = cutting;
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
        if (!cut || endsRecord) {
            emit(c);
        } else if (lineBreak) {
            lineBreaksLeftOut++;
        }
    }

    private void emit(char c) {
        output[outputEnd++] = c;
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
            String problem = "text after the closing quote of a value;"
                    + " a quote inside a quoted value must be doubled (\"\")";
            if (quoteLine != line) {
                problem += "; that quoted value started on line " + quoteLine + ", column " + quoteColumn
                        + ": is a closing quote missing there?";
            }
            throw CsvFileException.at(file, line, column, problem);
        }
    }

    private CsvFileException spaceBeforeOpeningQuote() {
        return CsvFileException.at(
                file,
                line,
                column,
                "a space before an opening quote; remove it "
                        + "(a quoted value must start right after the delimiter,"
                        + " or the quotes become part of the value)");
    }

    private void nextField() {
        state = State.FIELD_START;
        field++;
    }

    private void endRecord() {
        finishCut();
        state = State.FIELD_START;
        field = 1;
        recordChars = 0;
        recordLine = line + 1;
    }

    private void countRecordChar() {
        if (++recordChars > MAX_RECORD_CHARS && !cutting) {
            cutting = true;
            // The parser has seen everything before this character: is it inside a quoted value?
            closingQuoteOwed = state == State.QUOTED;
            lineBreaksLeftOut = 0;
        }
    }

    /** Ends a cut record for the parser and notes it for the caller. */
    private void finishCut() {
        if (!cutting) {
            return;
        }
        if (closingQuoteOwed) {
            emit('"');
        }
        overLong.add(new OverLongRecord(recordLine, recordChars, lineBreaksLeftOut));
        cutting = false;
    }

    private void atEndOfFile() {
        if (state == State.QUOTED) {
            // Still open at the end of the file: a missing closing quote, however long the record has become.
            String problem = cutting
                    ? "and is never closed: its record would run on to the end of the file, "
                            + String.format(Locale.ROOT, "%,d", recordChars) + " characters; is its closing quote"
                            + " missing?"
                    : "and is never closed (unterminated quote)";
            throw CsvFileException.at(
                    file, quoteLine, quoteColumn, "a quoted value starts here (field " + quoteField + ") " + problem);
        }
        finishCut();
    }
}
