package com.aliasimport.mapping;

import com.aliasimport.outcome.RowProblem;
import java.util.Map;

/** Checks one row's trimmed values against the mapping's rules. */
public final class RowValidator {

    private final InboundMapping mapping;

    public RowValidator(InboundMapping mapping) {
        this.mapping = mapping;
    }

    /** The first problem found, or null when the row can be sent. */
    public RowProblem check(Map<String, String> record) {
        for (String field : mapping.required()) {
            String value = record.get(field);
            if (value == null || value.isEmpty()) {
                return RowProblem.invalid("\"" + field + "\" is blank");
            }
        }
        for (var e : record.entrySet()) {
            String value = e.getValue();
            int control = firstControlCharacter(value);
            if (control >= 0) {
                return RowProblem.invalid(String.format(
                        "\"%s\" contains a control character (U+%04X) at" + " position %d",
                        e.getKey(), (int) value.charAt(control), control + 1));
            }
            int length = value.codePointCount(0, value.length());
            if (length > mapping.maxLength()) {
                return RowProblem.invalid("\"" + e.getKey() + "\" is " + length + " characters long; the limit is "
                        + mapping.maxLength());
            }
        }
        return null;
    }

    /** Tabs, line breaks and other C0/C1 control characters never belong in a name. */
    private static int firstControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
