package com.aliasimport.anonymize;

import com.aliasimport.job.SendItem;
import com.aliasimport.outcome.FailedRow;
import com.aliasimport.outcome.RowProblem;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One key of a file's row, as the shared machinery sends and records it. A row may hold an email and a telephone, so
 * a key's place in the run, its {@link #line()}, is twice the file line plus 0 for the email or 1 for the
 * telephone: ascending in reading order, and one outcome per key.
 *
 * @param fileLine the file line the row starts on
 */
public record KeyCheck(long line, long fileLine, Key key, RowProblem problem) implements SendItem<Key> {

    static final String KEY_TYPE = "key_type";
    static final String KEY = "key";

    static KeyCheck of(long fileLine, Key key, RowProblem problem) {
        return new KeyCheck(lineOf(fileLine, key.type()), fileLine, key, problem);
    }

    /** The key's place in the run. */
    static long lineOf(long fileLine, KeyType type) {
        return fileLine * 2 + type.ordinal();
    }

    /** The file line of a key's place in the run. */
    static long fileLineOf(long line) {
        return line / 2;
    }

    /** A key that failed, as retry-failed sends it again. */
    static KeyCheck resend(FailedRow row) {
        return new KeyCheck(row.line(), fileLineOf(row.line()), keyOf(row.record()), null);
    }

    static Key keyOf(Map<String, String> values) {
        return new Key(KeyType.ofParameter(values.get(KEY_TYPE)), values.getOrDefault(KEY, ""));
    }

    @Override
    public Key payload() {
        return key;
    }

    @Override
    public Map<String, String> values() {
        return values(key);
    }

    static Map<String, String> values(Key key) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(KEY_TYPE, key.type().parameter());
        values.put(KEY, key.value());
        return values;
    }
}
