package com.aliasimport.csv;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One streaming pass over the whole file before anything is sent: hashes the raw bytes (the run's identity), counts
 * the data records (for progress and ETA) and refuses a file that cannot be parsed, naming the line, or that has a
 * value in a column without a heading. Memory stays constant whatever the file's size.
 */
public final class CsvPreflight {

    /** The longest first line {@link #roughHeader} reads: it must not read a whole runaway file into memory. */
    private static final int ROUGH_HEADER_CHARS = 65536;

    private final CsvSettings settings;

    public CsvPreflight(CsvSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** @throws CsvFileException when the file cannot be read or parsed; nothing should be sent then */
    public Preflight run(Path file) {
        return run(file, header -> {});
    }

    /**
     * As {@link #run(Path)}, calling {@code headerCheck} as soon as the header is read: a header that does not fit
     * (say, a file in another delimiter) is the problem to report, before whatever the rows then trip over.
     */
    public Preflight run(Path file, Consumer<List<String>> headerCheck) {
        MessageDigest sha256 = sha256();
        HashingInputStream hashed = new HashingInputStream(CsvFiles.open(file), sha256);
        try (CsvRecordReader reader = CsvRecordReader.open(file, settings, hashed)) {
            headerCheck.accept(reader.header());
            UnnamedColumns unnamed = UnnamedColumns.of(file, reader.header());
            long rows = 0;
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                unnamed.check(row);
                rows++;
            }
            hashed.drain();
            String sha256Hex = HexFormat.of().formatHex(sha256.digest());
            return new Preflight(file, sha256Hex, hashed.count(), reader.header(), rows);
        } catch (UncheckedIOException e) {
            // Before the first request, an I/O failure is just another reason the file cannot be used.
            throw CsvFiles.cannotRead(file, e.getCause().getMessage(), e);
        } catch (IOException e) {
            throw CsvFiles.cannotRead(file, e.getMessage(), e);
        }
    }

    /**
     * The first line split at the delimiter, without any checks: enough to recognise a file whose header does not
     * fit (another delimiter, say) when the strict pass has refused the file for what it found further on.
     * Empty when even that line cannot be read, is blank or too long to be a header, or holds control characters
     * (a binary or wrongly decoded file, whose "names" would only make a confusing message).
     */
    public static List<String> roughHeader(Path file, CsvSettings settings) {
        try (BufferedInputStream bytes = new BufferedInputStream(CsvFiles.open(file), 65536)) {
            Charset charset = ByteOrderMarks.check(bytes, file, settings.charset());
            String line = firstLine(new BufferedReader(new InputStreamReader(bytes, charset)));
            if (line == null || line.isBlank() || line.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
                return List.of();
            }
            return Arrays.stream(line.split(Pattern.quote(String.valueOf(settings.delimiter())), -1))
                    .map(h -> h.strip().replace("\"", ""))
                    .toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Up to the first line break; null when there is none within {@link #ROUGH_HEADER_CHARS} (no real header). */
    private static String firstLine(Reader in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n' && c != '\r'; c = in.read()) {
            if (line.length() == ROUGH_HEADER_CHARS) {
                return null;
            }
            line.append((char) c);
        }
        return line.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
