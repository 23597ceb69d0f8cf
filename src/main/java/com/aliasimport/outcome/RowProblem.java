package com.aliasimport.outcome;

/** Why a row is not sent: it is invalid, or it repeats an earlier row of the same file. */
public record RowProblem(Kind kind, String message) {

    public enum Kind {
        INVALID,
        DUPLICATE
    }

    public static RowProblem invalid(String message) {
        return new RowProblem(Kind.INVALID, message);
    }
}
