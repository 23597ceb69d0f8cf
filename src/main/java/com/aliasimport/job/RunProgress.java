package com.aliasimport.job;

import java.util.concurrent.atomic.AtomicLong;

/** Live counters of the current session of a run, for the progress display. Thread safe. */
public final class RunProgress {

    private final long totalRows;
    private final long startNanos = System.nanoTime();
    private volatile long resumedAt;
    /** read, and rows dealt with, when the current session started (see resumedAt). */
    private volatile long readBefore;

    private volatile long doneBefore;
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failedBeforeSending = new AtomicLong();

    public RunProgress(long totalRows) {
        this.totalRows = totalRows;
    }

    void resumedAt(long position) {
        // After a database outage the run starts a new session in the same process, from its last checkpoint: the
        // rows earlier sessions read or dealt with past it are counted again from there, not on top of it.
        readBefore = read.get();
        doneBefore = dealtWith();
        resumedAt = position;
    }

    void read() {
        read.incrementAndGet();
    }

    void sent(boolean wasAccepted) {
        sent.incrementAndGet();
        (wasAccepted ? accepted : failed).incrementAndGet();
    }

    void notSent() {
        failed.incrementAndGet();
        failedBeforeSending.incrementAndGet();
    }

    /** A row a crashed session had already sent; skipped on resume. */
    void alreadyDone() {
        skipped.incrementAndGet();
    }

    public long totalRows() {
        return totalRows;
    }

    /** Rows of the file read so far: where this session started plus what it has read. */
    public long readPosition() {
        return resumedAt + read.get() - readBefore;
    }

    /** Rows dealt with so far (sent, refused before sending, or done by an earlier session): for display. */
    public long done() {
        return resumedAt + dealtWith() - doneBefore;
    }

    /** Rows dealt with by this session, for its rate. */
    public long doneThisSession() {
        return sent.get() + failedBeforeSending.get();
    }

    public long readThisSession() {
        return read.get();
    }

    public long sentThisSession() {
        return sent.get();
    }

    public long acceptedThisSession() {
        return accepted.get();
    }

    public long failedThisSession() {
        return failed.get();
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private long dealtWith() {
        return sent.get() + failedBeforeSending.get() + skipped.get();
    }
}
