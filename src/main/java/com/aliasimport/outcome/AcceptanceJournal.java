package com.aliasimport.outcome;

import com.aliasimport.config.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Append-only files of the rows the API accepted that are not in the database yet: the write-ahead log that lets a
 * sending thread move on after one {@code write} instead of one database commit.
 *
 * <p>Each acceptance is one line ({@code line,attempts,duplicateRisk,epochMillis}) written with one system call
 * before the thread takes its next row. The operating system keeps it when the process is killed (kill -9, an
 * out-of-memory kill), so a crash loses at most the requests in flight, as with a commit per row, at a fraction of
 * the cost: a commit per row was the limit of an H2 file database at a few thousand rows a second, and made it grow
 * by gigabytes. (Like H2 itself without fsync, it does not claim to survive a power cut.)
 *
 * <p>A run's journal is a series of segment files ({@code <base>.1}, {@code <base>.2}, ...). Rows keep being
 * accepted while earlier ones are stored, so storing {@link #rotate() closes} the current segment and opens the
 * next one; once the closed segment's rows are committed to {@code accepted_row} it is deleted. After a crash, the
 * next session of the run {@link #read reads} whatever segments are left and stores them before sending.
 */
public final class AcceptanceJournal implements AutoCloseable {

    private final Path base;
    private Path current;
    private FileChannel channel;
    private int segment;

    private AcceptanceJournal(Path base, int segment) throws IOException {
        this.base = base;
        this.segment = segment;
        openSegment();
    }

    /** Opens (creating its folder if needed) a new segment of the journal {@code base}, before anything is sent. */
    public static AcceptanceJournal open(Path base) {
        try {
            Path folder = base.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            int last = segments(base).keySet().stream()
                    .mapToInt(Integer::intValue)
                    .max()
                    .orElse(0);
            return new AcceptanceJournal(base, last + 1);
        } catch (IOException e) {
            // Before anything is sent: a journal folder that cannot be written is a setting to fix.
            throw new ConfigurationException("cannot write the acceptance journal " + base + " (" + reason(e)
                    + "): set alias-import.journal-dir (ALIAS_IMPORT_JOURNAL_DIR) to a folder this user can write");
        }
    }

    /**
     * What the journal's segments hold, in order; a last line cut short by a crash is left out (its row had not
     * been recorded, so it is re-sent, like any row whose acceptance was not recorded). No files: nothing.
     */
    public static List<AcceptedRow> read(Path base) {
        List<AcceptedRow> rows = new ArrayList<>();
        for (Path file : segments(base).values()) {
            readInto(file, rows);
        }
        return rows;
    }

    /** Deletes every segment of the journal {@code base} (everything in them is in the database). */
    public static void deleteAll(Path base) {
        for (Path file : segments(base).values()) {
            delete(file);
        }
    }

    /** Deletes one closed segment whose rows are in the database now. */
    public static void delete(Path segment) {
        try {
            Files.deleteIfExists(segment);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot delete the acceptance journal " + segment + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the segments before this one (their rows were stored before this session sent anything). */
    public synchronized void deleteEarlierSegments() {
        segments(base).forEach((number, file) -> {
            if (number < segment) {
                delete(file);
            }
        });
    }

    /** Records one acceptance; returns once the operating system has it. Thread safe. */
    public synchronized void append(AcceptedRow row) {
        byte[] bytes = (row.line() + "," + row.attempts() + "," + (row.duplicateRisk() ? 1 : 0) + ","
                        + row.at().toEpochMilli() + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long end = -1;
        try {
            end = channel.size();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            cutBackTo(end);
            throw new UncheckedIOException("cannot write the acceptance journal " + current + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes what a failed write left of its line (a full disk takes part of it): the next line written, once
     * there is room again, would otherwise be glued to that part, and both would be lost.
     */
    private void cutBackTo(long end) {
        if (end >= 0) {
            try {
                channel.truncate(end);
            } catch (IOException ignored) {
                // A part line at the end is skipped when the journal is read; only one glued to the next is lost.
            }
        }
    }

    /** Closes the current segment and starts the next; returns the closed one, to delete once its rows are stored. */
    public synchronized Path rotate() {
        Path closed = current;
        try {
            channel.close();
            segment++;
            openSegment();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start a new acceptance journal after " + closed + ": " + e.getMessage(), e);
        }
        return closed;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the acceptance journal " + current + ": " + e.getMessage(), e);
        }
    }

    private void openSegment() throws IOException {
        current = base.resolveSibling(base.getFileName() + "." + segment);
        channel = FileChannel.open(
                current, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** The segments of {@code base} by number; the file {@code base} itself (a journal of an earlier version) first. */
    private static Map<Integer, Path> segments(Path base) {
        Map<Integer, Path> found = new TreeMap<>();
        Path folder = base.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return found;
        }
        String prefix = base.getFileName().toString();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, prefix + "*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.equals(prefix)) {
                    found.put(0, file);
                } else if (name.startsWith(prefix + ".")
                        && name.substring(prefix.length() + 1).matches("\\d{1,9}")) {
                    found.put(Integer.parseInt(name.substring(prefix.length() + 1)), file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the acceptance journal " + base + ": " + e.getMessage(), e);
        }
        return found;
    }

    private static void readInto(Path file, List<AcceptedRow> rows) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the acceptance journal " + file + ": " + e.getMessage(), e);
        }
        String[] lines = text.split("\n", -1);
        // The part after the last newline is empty, or a line whose write a crash cut short.
        for (int i = 0; i < lines.length - 1; i++) {
            AcceptedRow row = parse(lines[i]);
            if (row != null) {
                rows.add(row);
            }
        }
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** One journal line, or null for one that is not a journal line. */
    private static AcceptedRow parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4) {
            return null;
        }
        try {
            return new AcceptedRow(
                    Long.parseLong(parts[0]),
                    Integer.parseInt(parts[1]),
                    parts[2].equals("1"),
                    Instant.ofEpochMilli(Long.parseLong(parts[3])));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
