package com.aliasimport.csv;

import com.aliasimport.exit.ExitCodes;
import com.aliasimport.exit.WithExitCode;
import java.nio.file.Path;

/**
 * A file-level problem: the whole file is refused and nothing is sent. The message is one line a person can act on;
 * it names the file (as the user gave it), and the line and column where they are known.
 */
public final class CsvFileException extends RuntimeException implements WithExitCode {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;
    private final long column;

    private CsvFileException(Path file, long line, long column, String message, Throwable cause) {
        // One line whatever went into it: file names and exception texts can carry line breaks and control characters.
        super(MessageText.oneLine(message), cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** "FILE: line L, column C: problem" (the parts that are unknown, i.e. 0, are left out). */
    static CsvFileException at(Path file, long line, long column, String problem) {
        return at(file, line, column, problem, null);
    }

    static CsvFileException at(Path file, long line, long column, String problem, Throwable cause) {
        StringBuilder message = new StringBuilder(file.toString());
        if (line > 0) {
            message.append(": line ").append(line);
            if (column > 0) {
                message.append(", column ").append(column);
            }
        }
        message.append(": ").append(problem);
        return new CsvFileException(file, line, column, message.toString(), cause);
    }

    /** A message phrased around the file name, e.g. "FILE is empty: ...", "cannot read FILE: ...". */
    static CsvFileException worded(Path file, long line, long column, String message, Throwable cause) {
        return new CsvFileException(file, line, column, message, cause);
    }

    public Path file() {
        return file;
    }

    /** The 1-based physical line in the file, 0 when unknown. */
    public long line() {
        return line;
    }

    /** The 1-based column in characters (code points) on that line, 0 when unknown. */
    public long column() {
        return column;
    }

    @Override
    public int exitCode() {
        return ExitCodes.USAGE;
    }
}
