package com.aliasimport.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongConsumer;

import com.aliasimport.report.AcceptanceJournal;
import com.aliasimport.report.AcceptedRow;
import com.aliasimport.report.FailedRow;
import com.aliasimport.report.RowOutcomeStore;

/**
 * An import's outcomes: one new accepted_row or failed_row per line. Acceptances are journaled at once and stored
 * in the database at the end of each chunk.
 */
final class ImportOutcomes implements OutcomeRecorder {

    private final long runId;
    private final RowOutcomeStore store;
    private final AcceptanceJournal journal;
    private final LongConsumer rewindTo;
    private final Queue<AcceptedRow> unstored = new ConcurrentLinkedQueue<>();

    /** @param rewindTo told the first line a resumed run must read again after failures were forgotten */
    ImportOutcomes(long runId, RowOutcomeStore store, AcceptanceJournal journal, LongConsumer rewindTo) {
        this.runId = runId;
        this.store = store;
        this.journal = journal;
        this.rewindTo = rewindTo;
    }

    @Override
    public long runId() {
        return runId;
    }

    @Override
    public void problems(List<FailedRow> rows) {
        store.failed(rows);
    }

    @Override
    public void accepted(long line, int attempts, boolean duplicateRisk) {
        AcceptedRow row = new AcceptedRow(line, attempts, duplicateRisk, Instant.now());
        journal.append(row);
        unstored.add(row);
    }

    @Override
    public void chunkEnded() {
        // No row is in flight between chunks: nothing is added meanwhile.
        List<AcceptedRow> rows = new ArrayList<>(unstored);
        if (!rows.isEmpty()) {
            store.accepted(runId, rows); // on failure both keep them: the journal for the next session
            unstored.clear();
            journal.clear();
        }
    }

    /** Whether every acceptance so far is in the database (the journal is no longer needed). */
    boolean allStored() {
        return unstored.isEmpty();
    }

    @Override
    public void failed(FailedRow row) {
        store.failed(row);
    }

    @Override
    public Set<Long> linesWithOutcome(long from, long to) {
        return store.linesWithOutcome(runId, from, to);
    }

    @Override
    public void forget(List<Long> lines) {
        store.forget(runId, lines);
        // Some of these rows may lie before the reader's checkpoint: the resumed run must read them again.
        lines.stream().mapToLong(Long::longValue).min().ifPresent(rewindTo);
    }
}
