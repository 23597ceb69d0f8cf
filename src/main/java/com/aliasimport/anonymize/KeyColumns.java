package com.aliasimport.anonymize;

import com.aliasimport.mapping.HeaderException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a file's keys are: its {@code email} and {@code telephone} columns, found in any letter case or through
 * {@code --map "E-mail address=email"}. Other columns are ignored: a request spreadsheet carries ticket numbers,
 * dates and notes.
 *
 * @param columns the column index of each key the file has, in {@link KeyType} order
 */
public record KeyColumns(Map<KeyType, Integer> columns) {

    public KeyColumns {
        columns = Map.copyOf(columns);
    }

    /**
     * @param columnMap heading to key type ({@code email} or {@code telephone}), from {@code --map}
     * @throws HeaderException when the header has neither key, or one key twice
     */
    public static KeyColumns bind(String file, List<String> header, Map<String, String> columnMap) {
        for (Map.Entry<String, String> entry : columnMap.entrySet()) {
            String field = entry.getValue().trim().toLowerCase(Locale.ROOT);
            if (!field.equals("email") && !field.equals("telephone")) {
                throw new HeaderException("--map \"" + entry.getKey() + "=" + entry.getValue()
                        + "\": anonymize-check maps columns to email or telephone only");
            }
        }
        Map<KeyType, Integer> found = new EnumMap<>(KeyType.class);
        for (int i = 0; i < header.size(); i++) {
            String heading = header.get(i).trim();
            String mapped = columnMap.get(heading);
            String name = (mapped != null ? mapped : heading).trim().toLowerCase(Locale.ROOT);
            for (KeyType type : KeyType.values()) {
                if (name.equals(type.parameter())) {
                    Integer earlier = found.putIfAbsent(type, i);
                    if (earlier != null) {
                        throw new HeaderException(file + ": columns " + (earlier + 1) + " (\"" + header.get(earlier)
                                + "\") and " + (i + 1) + " (\"" + heading + "\") are both the " + type.parameter()
                                + " column; --map or rename one of them");
                    }
                }
            }
        }
        if (found.isEmpty()) {
            throw new HeaderException(file + ": the header has no email or telephone column (it has "
                    + String.join(", ", header) + "): name one of them so, or --map \"COLUMN=email\"");
        }
        return new KeyColumns(found);
    }

    /** The file's key types, in {@link KeyType} order. */
    List<KeyType> types() {
        return columns.keySet().stream().sorted().toList();
    }

    int indexOf(KeyType type) {
        return columns.get(type);
    }
}
