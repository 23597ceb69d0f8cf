/**
 * Reading the CSV file: a streaming {@link com.aliasimport.csv.CsvPreflight preflight} pass (content hash, record
 * count, and refusal of an unparseable file with its exact line and column) and a restartable
 * {@link com.aliasimport.csv.CsvRowCursor cursor} over the data records. Both read through the same pipeline, so they
 * agree on every record and line number; memory stays constant whatever the file's size.
 * <p>
 * Records: the first non-blank line is the header (names trimmed, byte order mark removed, duplicate names
 * refused; a blank name is allowed, and the preflight refuses the file if that column holds a value). Blank lines
 * (nothing but spaces on them) are not records but still count as lines. Values are returned untrimmed, as many as
 * the line has; checking them against the header and the mapping is the caller's job.
 */
package com.aliasimport.csv;
