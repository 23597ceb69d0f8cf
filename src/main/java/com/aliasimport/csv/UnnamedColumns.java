package com.aliasimport.csv;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Columns with a blank heading, as a trailing delimiter on every line makes them. One that is empty on every line
 * holds nothing to send and is ignored; one that holds a value somewhere is data without a name, and the file is
 * refused at the first such value, since nobody can say which field it belongs to.
 */
final class UnnamedColumns {

    private final Path file;
    private final int[] indexes;

    private UnnamedColumns(Path file, int[] indexes) {
        this.file = file;
        this.indexes = indexes;
    }

    static UnnamedColumns of(Path file, List<String> header) {
        return new UnnamedColumns(
                file,
                IntStream.range(0, header.size())
                        .filter(i -> header.get(i).isEmpty())
                        .toArray());
    }

    /** @throws CsvFileException when the row has a value (other than spaces) in an unnamed column */
    void check(CsvRow row) {
        for (int i : indexes) {
            if (i < row.values().size() && !row.values().get(i).isBlank()) {
                throw CsvFileException.at(
                        file,
                        row.line(),
                        0,
                        "column " + (i + 1) + " has no heading but this line"
                                + " has a value in it: give the column a heading and --map it to a field"
                                + " (or --ignore-column it), or remove the column");
            }
        }
    }
}
