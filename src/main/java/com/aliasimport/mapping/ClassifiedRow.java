package com.aliasimport.mapping;

import java.util.Map;

/**
 * A CSV row checked against the mapping.
 *
 * @param line the file line the row starts on
 * @param record mapping field to trimmed value: what would be sent
 * @param problem why it is not sent, or null when it is to be sent
 */
public record ClassifiedRow(long line, Map<String, String> record, RowProblem problem) {

    public boolean isValid() {
        return problem == null;
    }
}
