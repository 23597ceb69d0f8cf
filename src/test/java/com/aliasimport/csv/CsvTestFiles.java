package com.aliasimport.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Builds test files byte by byte (hostile files are about bytes, not strings) and checks refusals. */
final class CsvTestFiles {

    private CsvTestFiles() {}

    static Path write(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, String utf8) {
        return write(dir, name, utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** Concatenates strings (as UTF-8) and raw byte values given as Integers. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer b) {
                out.write(b);
            } else if (part instanceof byte[] raw) {
                out.writeBytes(raw);
            } else {
                out.writeBytes(part.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    static String sha256Of(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs preflight, expects a refusal that names the file and fits on one line. */
    static CsvFileException refused(Path file, CsvSettings settings) {
        CsvFileException e = catchThrowableOfType(CsvFileException.class, () -> new CsvPreflight(settings).run(file));
        assertThat(e).as("preflight of %s should refuse it", file).isNotNull();
        assertThat(e.getMessage())
                .contains(file.toString())
                .doesNotContain("\n")
                .doesNotContain("\r");
        assertThat(e.file()).isEqualTo(file);
        return e;
    }

    static CsvFileException refused(Path file) {
        return refused(file, CsvSettings.defaults());
    }
}
