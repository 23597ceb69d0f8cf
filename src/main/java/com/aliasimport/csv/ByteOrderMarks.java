package com.aliasimport.csv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Looks at the first bytes of the file: a UTF-8 byte order mark (Excel's "CSV UTF-8") is skipped; a UTF-16 or UTF-32
 * one means the file is not in the charset we were told, and decoding it would only produce NUL-riddled text.
 */
final class ByteOrderMarks {

    private static final byte[] UTF_8 = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    // UTF-32 LE starts with the UTF-16 LE mark, so it must be tested first.
    private static final byte[] UTF_32_LE = {(byte) 0xFF, (byte) 0xFE, 0, 0};
    private static final byte[] UTF_32_BE = {0, 0, (byte) 0xFE, (byte) 0xFF};
    private static final byte[] UTF_16_LE = {(byte) 0xFF, (byte) 0xFE};
    private static final byte[] UTF_16_BE = {(byte) 0xFE, (byte) 0xFF};

    private ByteOrderMarks() {
    }

    /** Positions {@code in} after a UTF-8 byte order mark if there is one; refuses marks of other encodings. */
    static void check(BufferedInputStream in, Path file, Charset charset) throws IOException {
        in.mark(4);
        byte[] start = in.readNBytes(4);
        in.reset();
        String name = charset.name().toUpperCase(Locale.ROOT);
        boolean wide = name.contains("UTF-16") || name.contains("UTF-32");
        if (!wide) {
            refuseWide(start, UTF_32_LE, "UTF-32", file);
            refuseWide(start, UTF_32_BE, "UTF-32", file);
            refuseWide(start, UTF_16_LE, "UTF-16", file);
            refuseWide(start, UTF_16_BE, "UTF-16", file);
        }
        if (startsWith(start, UTF_8)) {
            if (!charset.equals(StandardCharsets.UTF_8)) {
                throw CsvFileException.at(file, 1, 1, "the file starts with a UTF-8 byte order mark but the file encoding is set to "
                        + charset.name() + "; it is a UTF-8 file: use the default encoding (UTF-8)");
            }
            in.skipNBytes(UTF_8.length);
        }
    }

    private static void refuseWide(byte[] start, byte[] mark, String encoding, Path file) {
        if (startsWith(start, mark)) {
            throw CsvFileException.worded(file, 1, 1, file + " is " + encoding + " (it starts with the byte order mark "
                    + MessageText.hexBytes(mark) + "); save it as UTF-8 (in Excel: \"CSV UTF-8\")", null);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
