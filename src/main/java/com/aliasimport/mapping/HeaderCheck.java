package com.aliasimport.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Matches a file's header to the inbound mapping before anything is sent. CustomerGauge silently drops fields its
 * mapping does not list and its field names are case sensitive, so every column must be either a mapping field,
 * mapped to one explicitly, or ignored explicitly.
 */
public final class HeaderCheck {

    /**
     * Columns that {@code report --format csv} adds after the data, in this order; a corrected report can be
     * imported as it is.
     */
    public static final List<String> REPORT_COLUMNS =
            List.of("_line", "_failure", "_http_status", "_message", "_attempts", "_run");

    private final InboundMapping mapping;

    public HeaderCheck(InboundMapping mapping) {
        this.mapping = mapping;
    }

    public ColumnBinding bind(String file, List<String> header) {
        Map<String, Integer> fieldColumn = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            // A column without a heading is left out: the preflight refuses the file if it holds any value.
            if (column.isEmpty() || mapping.ignoredColumns().contains(column) || REPORT_COLUMNS.contains(column)) {
                continue;
            }
            String field = mapping.columnMap().getOrDefault(column, column);
            if (!mapping.fields().contains(field)) {
                throw new HeaderException(unknownColumn(file, column, i + 1));
            }
            Integer earlier = fieldColumn.putIfAbsent(field, i);
            if (earlier != null) {
                throw new HeaderException(file + ": columns " + (earlier + 1) + " (\"" + header.get(earlier)
                        + "\") and " + (i + 1) + " (\"" + column + "\") both give the field \"" + field
                        + "\"; map or ignore one of them");
            }
        }
        for (String required : mapping.required()) {
            if (!fieldColumn.containsKey(required)) {
                throw new HeaderException(missingField(file, required, header));
            }
        }
        List<String> fields = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (String field : mapping.fields()) {
            Integer index = fieldColumn.get(field);
            if (index != null) {
                fields.add(field);
                indexes.add(index);
            }
        }
        // Any one of the report's columns marks a report: a person tidying the spreadsheet may delete some.
        boolean report = header.stream().anyMatch(REPORT_COLUMNS::contains);
        return new ColumnBinding(
                List.copyOf(fields),
                indexes.stream().mapToInt(Integer::intValue).toArray(),
                header.size(),
                report);
    }

    private String unknownColumn(String file, String column, int position) {
        String delimiter = likelyDelimiter(column);
        if (delimiter != null) {
            return file + ": the header \"" + column + "\" looks delimited by " + delimiter + ", not by the"
                    + " configured delimiter: use --delimiter, or set alias-import.csv.delimiter";
        }
        String sameButCase = sameIgnoringCase(column);
        if (sameButCase != null) {
            return file + ": column " + position + " \"" + column + "\" differs from the mapping field \""
                    + sameButCase + "\" only in case, and CustomerGauge field names are case sensitive: rename it"
                    + " to \"" + sameButCase + "\" or use --map \"" + column + "=" + sameButCase + "\"";
        }
        return file + ": column " + position + " \"" + column + "\" is not a field of the inbound mapping "
                + mapping.fields() + ", and CustomerGauge would silently drop it: map it with --map \"" + column
                + "=FIELD\" or leave it out with --ignore-column \"" + column + "\"";
    }

    private String missingField(String file, String required, List<String> header) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(required)) {
                return file + ": column " + (i + 1) + " \"" + header.get(i) + "\" differs from the required field \""
                        + required + "\" only in case, and CustomerGauge field names are case sensitive: rename it"
                        + " or use --map \"" + header.get(i) + "=" + required + "\"";
            }
        }
        return file + ": the required field \"" + required + "\" has no column (the header is " + header
                + "): add the column, or map a column to it with --map \"COLUMN=" + required + "\"";
    }

    /** A heading that holds two mapping fields joined by another delimiter: the file uses that delimiter. */
    private String likelyDelimiter(String column) {
        for (String candidate : new String[] {";", "\t", "|", ","}) {
            String[] parts = column.split(java.util.regex.Pattern.quote(candidate));
            if (parts.length > 1
                    && java.util.Arrays.stream(parts)
                                    .map(String::strip)
                                    .filter(part -> mapping.fields().contains(part))
                                    .count()
                            >= 2) {
                return candidate.equals("\t") ? "tabs" : "\"" + candidate + "\"";
            }
        }
        return null;
    }

    private String sameIgnoringCase(String column) {
        String lower = column.toLowerCase(Locale.ROOT);
        return mapping.fields().stream()
                .filter(f -> f.toLowerCase(Locale.ROOT).equals(lower))
                .findFirst()
                .orElse(null);
    }
}
