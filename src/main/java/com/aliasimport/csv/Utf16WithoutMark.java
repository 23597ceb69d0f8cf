package com.aliasimport.csv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * Recognises UTF-16 without a byte order mark before it is decoded as a one-byte charset, where it would only be
 * text with a NUL after (or before) every letter. Mostly-Latin UTF-16 has a zero byte in every other position: in the
 * odd positions for little-endian, the even ones for big-endian.
 */
final class Utf16WithoutMark {

    private static final int SAMPLE = 512;

    private Utf16WithoutMark() {}

    /** @throws CsvFileException when the start of {@code in} looks like UTF-16 and the charset is not a wide one */
    static void refuse(BufferedInputStream in, Path file, Charset charset) throws IOException {
        if (ByteOrderMarks.isWide(charset)) {
            return;
        }
        in.mark(SAMPLE);
        byte[] sample = in.readNBytes(SAMPLE);
        in.reset();
        int units = sample.length / 2;
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < units * 2; i++) {
            if (sample[i] == 0) {
                if (i % 2 == 0) {
                    evenZeros++;
                } else {
                    oddZeros++;
                }
            }
        }
        String order =
                mostlyZeros(oddZeros, evenZeros, units) ? "LE" : mostlyZeros(evenZeros, oddZeros, units) ? "BE" : null;
        if (order != null) {
            throw CsvFileException.worded(
                    file,
                    0,
                    0,
                    file + " looks like UTF-16 (" + (order.equals("LE") ? "little" : "big")
                            + "-endian) without a byte order mark: save it as UTF-8 (in Excel: \"CSV UTF-8\") or"
                            + " pass --encoding UTF-16" + order,
                    null);
        }
    }

    /** Half the code units or more have a zero byte on one side, and (nearly) none on the other. */
    private static boolean mostlyZeros(int zeros, int otherSide, int units) {
        return units >= 2 && zeros * 2 >= units && otherSide * 8 <= zeros;
    }
}
