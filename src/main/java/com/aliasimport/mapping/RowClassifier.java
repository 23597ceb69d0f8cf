package com.aliasimport.mapping;

import com.aliasimport.csv.CsvRow;
import com.aliasimport.csv.FormulaGuard;
import com.aliasimport.outcome.RowProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a CSV row into what would be sent, and decides whether it may be: the row's values are trimmed and
 * validated, and a valid row that repeats an earlier valid row of the same file is a duplicate.
 * Holds the file's duplicate index, so one instance serves one pass over one file.
 */
public final class RowClassifier {

    private final ColumnBinding binding;
    private final RowValidator validator;
    private final DuplicateIndex seen;

    /** @param expectedRows the file's data rows (the pre-flight counted them), to size the duplicate index once */
    public RowClassifier(ColumnBinding binding, InboundMapping mapping, long expectedRows) {
        this.binding = binding;
        this.validator = new RowValidator(mapping);
        this.seen = new DuplicateIndex(expectedRows);
    }

    /** A record the reader could not take whole (an over-long one) is invalid, and never a duplicate's original. */
    public ClassifiedRow classify(CsvRow row) {
        if (row.problem() != null) {
            return new ClassifiedRow(row.line(), extract(row.values()), RowProblem.invalid(row.problem()));
        }
        return classify(row.line(), row.values());
    }

    public ClassifiedRow classify(long line, List<String> values) {
        Map<String, String> record = extract(values);
        if (values.size() != binding.headerSize()) {
            return new ClassifiedRow(
                    line,
                    record,
                    RowProblem.invalid("the line has " + values.size()
                            + (values.size() == 1 ? " value" : " values") + " but the header has "
                            + binding.headerSize()
                            + " columns"));
        }
        RowProblem problem = validator.check(record);
        if (problem != null) {
            return new ClassifiedRow(line, record, problem);
        }
        long first = seen.firstLineOf(record, line);
        if (first >= 0) {
            return new ClassifiedRow(
                    line, record, new RowProblem(RowProblem.Kind.DUPLICATE, "same values as line " + first));
        }
        return new ClassifiedRow(line, record, null);
    }

    private Map<String, String> extract(List<String> values) {
        Map<String, String> record = new LinkedHashMap<>();
        List<String> fields = binding.fields();
        for (int i = 0; i < fields.size(); i++) {
            int column = binding.columnIndexes()[i];
            String value = column < values.size() ? values.get(column).strip() : "";
            record.put(fields.get(i), binding.reportFile() ? FormulaGuard.restore(value) : value);
        }
        return record;
    }
}
