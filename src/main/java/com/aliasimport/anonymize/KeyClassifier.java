package com.aliasimport.anonymize;

import com.aliasimport.csv.CsvRow;
import com.aliasimport.job.CsvItemReader;
import com.aliasimport.outcome.RowProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a file's row into the keys to look up: each key column's value, trimmed; a row's blank key is left out when
 * the row has another key, and a row with no key at all is one INVALID key. A key that is not plausibly an email or
 * a telephone is INVALID; one the file gave before (emails trimmed and in lower case, telephones by their digits)
 * is a DUPLICATE. Holds the file's keys seen so far, so one instance serves one pass over one file.
 */
final class KeyClassifier implements CsvItemReader.RowItems<KeyCheck> {

    private final KeyColumns columns;
    /** Normalised key to the file line that gave it first, per key type. */
    private final Map<KeyType, Map<String, Long>> seen = new HashMap<>();

    KeyClassifier(KeyColumns columns) {
        this.columns = columns;
    }

    @Override
    public List<KeyCheck> of(CsvRow row) {
        List<KeyCheck> keys = new ArrayList<>(2);
        List<KeyType> types = columns.types();
        for (KeyType type : types) {
            String value = valueOf(row, type);
            if (!value.isEmpty()) {
                keys.add(check(row, new Key(type, value)));
            }
        }
        if (keys.isEmpty()) {
            String problem = row.problem() != null
                    ? row.problem()
                    : "no "
                            + String.join(
                                    " or ",
                                    types.stream().map(KeyType::parameter).toList()) + " on this line";
            keys.add(KeyCheck.of(row.line(), new Key(types.get(0), ""), RowProblem.invalid(problem)));
        }
        return keys;
    }

    private KeyCheck check(CsvRow row, Key key) {
        if (row.problem() != null) {
            return KeyCheck.of(row.line(), key, RowProblem.invalid(row.problem()));
        }
        String problem = key.type().problem(key.value());
        if (problem != null) {
            return KeyCheck.of(row.line(), key, RowProblem.invalid(problem));
        }
        Long first = seen.computeIfAbsent(key.type(), t -> new HashMap<>())
                .putIfAbsent(key.type().normalised(key.value()), row.line());
        if (first != null) {
            return KeyCheck.of(
                    row.line(),
                    key,
                    new RowProblem(
                            RowProblem.Kind.DUPLICATE, "the same " + key.type().parameter() + " as line " + first));
        }
        return KeyCheck.of(row.line(), key, null);
    }

    private String valueOf(CsvRow row, KeyType type) {
        int index = columns.indexOf(type);
        return index < row.values().size() ? row.values().get(index).strip() : "";
    }
}
