package com.aliasimport.mapping;

import com.aliasimport.csv.FormulaGuard;
import java.util.List;

/**
 * Where each mapping field's value sits in a CSV row.
 *
 * @param fields the mapping fields present in the file, in mapping order
 * @param columnIndexes for each of {@code fields}, the 0-based CSV column it is read from
 * @param headerSize how many columns the header has (rows with another count are invalid)
 * @param reportFile the file is a {@code report --format csv} export: its values are {@link FormulaGuard escaped}
 */
public record ColumnBinding(List<String> fields, int[] columnIndexes, int headerSize, boolean reportFile) {}
