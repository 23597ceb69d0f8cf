package com.aliasimport.job;

import java.util.Set;

/**
 * Lines a session of the run that ended early already dealt with (sent and recorded, or recorded as a problem):
 * a resumed run reads from its checkpoint, the oldest row without an outcome, so rows after it may be done. Looked
 * up a range of lines at a time, and only up to the highest line with an outcome.
 */
final class DoneLines {

    static final DoneLines NONE = new DoneLines(null, 0);
    private static final long RANGE = 1000;

    /** The lines between {@code from} and {@code to} (inclusive) that have an outcome. */
    @FunctionalInterface
    interface Lookup {
        Set<Long> linesWithOutcome(long from, long to);
    }

    private final Lookup lookup;
    private final long highest;
    private long rangeFrom = 1;
    private long rangeTo;
    private Set<Long> done = Set.of();

    /** @param highest the highest line with an outcome when the session started */
    DoneLines(Lookup lookup, long highest) {
        this.lookup = lookup;
        this.highest = highest;
    }

    boolean isDone(long line) {
        if (line > highest) {
            return false;
        }
        if (line < rangeFrom || line > rangeTo) {
            rangeFrom = line;
            rangeTo = Math.min(highest, line + RANGE - 1);
            done = lookup.linesWithOutcome(rangeFrom, rangeTo);
        }
        return done.contains(line);
    }
}
