package com.aliasimport.mapping;

import com.aliasimport.job.SendItem;
import com.aliasimport.outcome.RowProblem;
import java.util.Map;

/**
 * A CSV row checked against the mapping.
 *
 * @param line the file line the row starts on
 * @param record mapping field to trimmed value: what would be sent
 * @param problem why it is not sent, or null when it is to be sent
 */
public record ClassifiedRow(long line, Map<String, String> record, RowProblem problem)
        implements SendItem<Map<String, String>> {

    @Override
    public Map<String, String> payload() {
        return record;
    }

    @Override
    public Map<String, String> values() {
        return record;
    }
}
