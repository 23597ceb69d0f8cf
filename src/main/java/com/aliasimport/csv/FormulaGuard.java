package com.aliasimport.csv;

/**
 * Keeps report CSVs safe to open in a spreadsheet without changing what a re-import sends.
 * <p>
 * A spreadsheet runs a cell that starts with {@code = + - @}, a tab or a carriage return as a formula (OWASP "CSV
 * injection"). The report writes such a value with one apostrophe in front, which spreadsheets show as text. For
 * the round trip to be exact, a value that starts with apostrophes and then one of those characters gets one more
 * apostrophe too; so "one or more apostrophes, then a trigger" is exactly the shape of an escaped value, and the
 * importer removes one apostrophe from values of that shape when the file is a report (its header has one of
 * the report columns, {@code _line} and the rest). Every other value, in a report or not, is read as it is.
 */
public final class FormulaGuard {

    private FormulaGuard() {}

    /** The value as the report CSV writes it. */
    public static String neutralise(String value) {
        return needsEscape(value) ? "'" + value : value;
    }

    /** The value a report CSV's cell stands for: the inverse of {@link #neutralise}. */
    public static String restore(String cell) {
        return cell.startsWith("'") && needsEscape(cell.substring(1)) ? cell.substring(1) : cell;
    }

    /** Apostrophes (any number, none included) followed by a character a spreadsheet takes as a formula. */
    static boolean needsEscape(String value) {
        int i = 0;
        while (i < value.length() && value.charAt(i) == '\'') {
            i++;
        }
        if (i == value.length()) {
            return false;
        }
        char c = value.charAt(i);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
