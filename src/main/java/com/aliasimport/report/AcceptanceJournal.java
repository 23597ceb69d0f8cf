package com.aliasimport.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.aliasimport.config.ConfigurationException;

/**
 * An append-only file of the rows the API accepted since the last chunk's outcomes reached the database: the
 * write-ahead log that lets a sending thread move on after one {@code write} instead of one database commit.
 *
 * <p>Each acceptance is one line ({@code line,attempts,duplicateRisk,epochMillis}) written with one system call
 * before the thread takes its next row. The operating system keeps it when the process is killed (kill -9, an
 * out-of-memory kill), so a crash loses at most the requests in flight, as with a commit per row, at a fraction of
 * the cost: a commit per row was the limit of an H2 file database at a few thousand rows a second, and made it grow
 * by gigabytes. (Like H2 itself without fsync, it does not claim to survive a power cut.)
 *
 * <p>At the end of each chunk the rows go to {@code accepted_row} in one transaction and the journal is emptied;
 * after a crash, the next session of the run puts what the journal still holds into the database before sending.
 */
public final class AcceptanceJournal implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;

    private AcceptanceJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (creating it and its folder if needed) the journal for appending, before a session sends anything. */
    public static AcceptanceJournal open(Path file) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            return new AcceptanceJournal(file, FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            // Before anything is sent: a journal folder that cannot be written is a setting to fix.
            throw new ConfigurationException("cannot write the acceptance journal " + file + " (" + reason(e)
                    + "): set alias-import.journal-dir (ALIAS_IMPORT_JOURNAL_DIR) to a folder this user can write");
        }
    }

    /**
     * What a journal holds, in order; a last line cut short by a crash is left out (its row had not been recorded,
     * so it is re-sent, like any row whose acceptance was not recorded). No file: nothing.
     */
    public static List<AcceptedRow> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the acceptance journal " + file + ": " + e.getMessage(), e);
        }
        String[] lines = text.split("\n", -1);
        List<AcceptedRow> rows = new ArrayList<>(lines.length);
        // The part after the last newline is empty, or a line whose write a crash cut short.
        for (int i = 0; i < lines.length - 1; i++) {
            AcceptedRow row = parse(lines[i]);
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** Records one acceptance; returns once the operating system has it. Thread safe. */
    public void append(AcceptedRow row) {
        byte[] bytes = (row.line() + "," + row.attempts() + "," + (row.duplicateRisk() ? 1 : 0) + ","
                + row.at().toEpochMilli() + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            synchronized (channel) {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the acceptance journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Empties the journal: everything in it is in the database now. */
    public void clear() {
        try {
            synchronized (channel) {
                channel.truncate(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the acceptance journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the acceptance journal " + file + ": " + e.getMessage(), e);
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
            return new AcceptedRow(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), parts[2].equals("1"),
                    Instant.ofEpochMilli(Long.parseLong(parts[3])));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
