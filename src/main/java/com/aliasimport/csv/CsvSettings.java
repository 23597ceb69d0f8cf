package com.aliasimport.csv;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How to read a file: the delimiter (default {@code ','}) and the charset (default UTF-8; others such as
 * windows-1252 are allowed). Quoting is always RFC 4180: {@code "} encloses a value and {@code ""} inside it is a
 * literal quote.
 */
public record CsvSettings(char delimiter, Charset charset) {

    public CsvSettings {
        Objects.requireNonNull(charset, "charset");
        // These would make quoting or line counting ambiguous.
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n' || delimiter == '\0') {
            throw new IllegalArgumentException(
                    "the CSV delimiter cannot be a quote, a line break or NUL; use one of , ; | or a tab");
        }
    }

    public static CsvSettings defaults() {
        return new CsvSettings(',', StandardCharsets.UTF_8);
    }

    /** The delimiter as a person would type it in a message ({@code <tab>} rather than an invisible character). */
    String delimiterForDisplay() {
        return delimiter == '\t' ? "<tab>" : String.valueOf(delimiter);
    }
}
