package com.aliasimport.csv;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of the preflight pass.
 *
 * @param sha256Hex SHA-256 of the raw file bytes (byte order mark included), lower-case hex: the run's identity
 * @param header    the header names, trimmed, byte order mark removed
 * @param rowCount  data records: not the header, not blank lines
 */
public record Preflight(Path file, String sha256Hex, long sizeBytes, List<String> header, long rowCount) {

    public Preflight {
        header = List.copyOf(header);
    }
}
