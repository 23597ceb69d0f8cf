package com.aliasimport.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One streaming pass over the whole file before anything is sent: hashes the raw bytes (the run's identity), counts
 * the data records (for progress and ETA) and refuses a file that cannot be parsed, naming the line. Memory stays
 * constant whatever the file's size.
 */
public final class CsvPreflight {

    private final CsvSettings settings;

    public CsvPreflight(CsvSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** @throws CsvFileException when the file cannot be read or parsed; nothing should be sent then */
    public Preflight run(Path file) {
        MessageDigest sha256 = sha256();
        HashingInputStream hashed = new HashingInputStream(CsvFiles.open(file), sha256);
        try (CsvRecordReader reader = CsvRecordReader.open(file, settings, hashed)) {
            long rows = 0;
            while (reader.next() != null) {
                rows++;
            }
            hashed.drain();
            return new Preflight(file, HexFormat.of().formatHex(sha256.digest()), hashed.count(), reader.header(), rows);
        } catch (UncheckedIOException e) {
            // Before the first request, an I/O failure is just another reason the file cannot be used.
            throw CsvFiles.cannotRead(file, e.getCause().getMessage(), e);
        } catch (IOException e) {
            throw CsvFiles.cannotRead(file, e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
