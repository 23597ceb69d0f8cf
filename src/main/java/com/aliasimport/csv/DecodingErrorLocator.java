package com.aliasimport.csv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds where a file stops being valid in its charset. The fast path (an InputStreamReader) only says that it is
 * invalid, not where, so on that error, and only then, the file is decoded again here with a bare CharsetDecoder,
 * counting lines and columns the way the parser does, to name the exact line, column and bytes.
 */
final class DecodingErrorLocator {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private DecodingErrorLocator() {}

    static CsvFileException locate(Path file, CsvSettings settings, CharacterCodingException original) {
        try (InputStream raw = Files.newInputStream(file);
                BufferedInputStream in = new BufferedInputStream(raw, 65536)) {
            Charset charset = ByteOrderMarks.check(in, file, settings.charset());
            CsvFileException found = scan(in, file, charset);
            if (found != null) {
                return found;
            }
        } catch (IOException | RuntimeException e) {
            original.addSuppressed(e);
        }
        // The file changed between the two reads, or could not be read again: say what we know.
        return CsvFileException.at(
                file,
                0,
                0,
                "not valid " + settings.charset().name() + " (" + original + ")"
                        + "; save the file as UTF-8 or set the file encoding",
                original);
    }

    private static CsvFileException scan(InputStream in, Path file, Charset charset) throws IOException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(65536);
        CharBuffer chars = CharBuffer.allocate(65536);
        Position position = new Position();
        boolean endOfInput = false;
        while (!endOfInput) {
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                endOfInput = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
            CoderResult result;
            do {
                result = decoder.decode(bytes, chars, endOfInput);
                position.advance(chars);
                if (result.isError()) {
                    byte[] bad = new byte[result.length()];
                    bytes.get(bytes.position(), bad);
                    boolean cutOff = endOfInput && bytes.position() + bad.length == bytes.limit();
                    return CsvFileException.at(
                            file, position.line, position.column + 1, describe(charset, bad, cutOff));
                }
            } while (result.isOverflow());
            bytes.compact();
        }
        return null;
    }

    private static String describe(Charset charset, byte[] bad, boolean cutOff) {
        StringBuilder message = new StringBuilder("not valid ")
                .append(charset.name())
                .append(bad.length == 1 ? " (byte " : " (bytes ")
                .append(MessageText.hexBytes(bad));
        if (cutOff) {
            message.append(" at the very end of the file: a character is cut off");
        }
        message.append("); save the file as UTF-8 or set the file encoding");
        // A lone high byte in "UTF-8" is nearly always an Excel/ANSI export; show what it would mean there.
        if (charset.equals(StandardCharsets.UTF_8) && bad.length == 1 && !cutOff) {
            String asAnsi = new String(bad, WINDOWS_1252);
            if (!asAnsi.isBlank() && !Character.isISOControl(asAnsi.charAt(0)) && asAnsi.charAt(0) != '\uFFFD') {
                message.append(" (as windows-1252 it would be \"")
                        .append(asAnsi)
                        .append("\")");
            }
        }
        return message.toString();
    }

    /** Line and column counting identical to the parser's: CR, LF and CRLF end a line; columns count code points. */
    private static final class Position {
        long line = 1;
        long column;
        boolean afterCr;

        void advance(CharBuffer decoded) {
            decoded.flip();
            while (decoded.hasRemaining()) {
                char c = decoded.get();
                if (c == '\n' && afterCr) {
                    afterCr = false;
                } else if (c == '\r' || c == '\n') {
                    afterCr = c == '\r';
                    line++;
                    column = 0;
                } else {
                    afterCr = false;
                    if (!Character.isLowSurrogate(c)) {
                        column++;
                    }
                }
            }
            decoded.clear();
        }
    }
}
