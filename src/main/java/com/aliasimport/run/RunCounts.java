package com.aliasimport.run;

/**
 * What a run did with its rows.
 *
 * @param read rows read from the file
 * @param sent rows for which at least one request went out
 * @param retried rows that needed more than one attempt
 */
public record RunCounts(
        long read,
        long sent,
        long accepted,
        long rejected,
        long invalid,
        long duplicate,
        long exhausted,
        long unknown,
        long retried) {

    public static final RunCounts NONE = new RunCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Rows that need a person's attention (duplicates do not: the same values were sent once). */
    public long failed() {
        return rejected + invalid + exhausted + unknown;
    }
}
