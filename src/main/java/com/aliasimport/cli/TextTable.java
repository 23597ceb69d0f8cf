package com.aliasimport.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Columns padded to their widest cell, for a terminal; numbers right-aligned. */
final class TextTable {

    private final List<String> headings;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /** A heading that starts with '>' is a right-aligned column (the '>' is not shown). */
    TextTable(String... headings) {
        this.headings = new ArrayList<>();
        this.rightAligned = new boolean[headings.length];
        for (int i = 0; i < headings.length; i++) {
            rightAligned[i] = headings[i].startsWith(">");
            this.headings.add(rightAligned[i] ? headings[i].substring(1) : headings[i]);
        }
    }

    void add(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
    }

    void print(PrintWriter out) {
        int[] widths = new int[headings.size()];
        for (List<String> row : allRows()) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        for (List<String> row : allRows()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String pad = " ".repeat(widths[i] - width(row.get(i)));
                line.append(i == 0 ? "" : "  ").append(rightAligned[i] ? pad + row.get(i) : row.get(i) + pad);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private List<List<String>> allRows() {
        List<List<String>> all = new ArrayList<>();
        all.add(headings);
        all.addAll(rows);
        return all;
    }

    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }
}
