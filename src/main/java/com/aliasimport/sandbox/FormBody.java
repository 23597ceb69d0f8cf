package com.aliasimport.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses an application/x-www-form-urlencoded body, or a URL's query (the same encoding), into its name/value
 * pairs, in order.
 *
 * <p>Stricter than {@link java.net.URLDecoder}, which silently turns invalid UTF-8 into U+FFFD: a
 * bad escape or invalid UTF-8 is a malformed body here, so encoding bugs in a client show up.
 */
final class FormBody {

    private FormBody() {}

    static List<Map.Entry<String, String>> parse(byte[] body) throws MalformedBodyException {
        String text = decodeUtf8(body);
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (text.isEmpty()) {
            return pairs;
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue; // "a=1&&b=2" and a trailing '&' are harmless
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            pairs.add(new SimpleImmutableEntry<>(unescape(name), unescape(value)));
        }
        return pairs;
    }

    /** Each name's last value, as PHP (so Laravel) reads a repeated name. */
    static Map<String, String> lastValues(List<Map.Entry<String, String>> pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        pairs.forEach(pair -> values.put(pair.getKey(), Objects.requireNonNull(pair.getValue())));
        return values;
    }

    /** Undoes '+' and %XX escapes; the escaped bytes must form valid UTF-8. */
    static String unescape(String text) throws MalformedBodyException {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new MalformedBodyException("truncated %-escape");
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new MalformedBodyException("invalid %-escape");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    utf8 = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(utf8);
            }
        }
        return decodeUtf8(bytes.toByteArray());
    }

    static String decodeUtf8(byte[] bytes) throws MalformedBodyException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedBodyException("invalid UTF-8");
        }
    }
}
