package com.aliasimport.csv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Looks at the first bytes of the file: a byte order mark is skipped, and a UTF-16 or UTF-32 one decides the encoding
 * (Excel's "Unicode text" and some CRM exports are UTF-16 with a mark). A UTF-8 one (Excel's "CSV UTF-8") must agree
 * with the encoding setting.
 */
final class ByteOrderMarks {

    private record Mark(byte[] bytes, Charset charset) {}

    private static final byte[] UTF_8 = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    // UTF-32 LE starts with the UTF-16 LE mark, so it must be tested first.
    private static final List<Mark> WIDE = List.of(
            new Mark(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, Charset.forName("UTF-32LE")),
            new Mark(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}, Charset.forName("UTF-32BE")),
            new Mark(new byte[] {(byte) 0xFF, (byte) 0xFE}, StandardCharsets.UTF_16LE),
            new Mark(new byte[] {(byte) 0xFE, (byte) 0xFF}, StandardCharsets.UTF_16BE));

    private ByteOrderMarks() {}

    /**
     * Positions {@code in} after a byte order mark if there is one and returns the charset to decode the rest with:
     * the mark's for a UTF-16 or UTF-32 mark, whatever the setting (no text in a one-byte charset starts with those
     * bytes), else {@code charset}.
     */
    static Charset check(BufferedInputStream in, Path file, Charset charset) throws IOException {
        in.mark(4);
        byte[] start = in.readNBytes(4);
        in.reset();
        for (Mark mark : WIDE) {
            if (startsWith(start, mark.bytes())) {
                in.skipNBytes(mark.bytes().length);
                return mark.charset();
            }
        }
        if (startsWith(start, UTF_8)) {
            if (!charset.equals(StandardCharsets.UTF_8)) {
                throw CsvFileException.at(
                        file,
                        1,
                        1,
                        "the file starts with a UTF-8 byte order mark but the file"
                                + " encoding is set to " + charset.name()
                                + "; it is a UTF-8 file: use the default encoding"
                                + " (UTF-8)");
            }
            in.skipNBytes(UTF_8.length);
        }
        return charset;
    }

    /** UTF-16 and UTF-32 in any byte order: charsets whose text is full of NUL bytes. */
    static boolean isWide(Charset charset) {
        String name = charset.name();
        return name.startsWith("UTF-16") || name.startsWith("UTF-32");
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
