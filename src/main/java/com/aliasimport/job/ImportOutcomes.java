package com.aliasimport.job;

import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

import com.aliasimport.report.FailedRow;
import com.aliasimport.report.RowOutcomeStore;

/** An import's outcomes: one new accepted_row or failed_row per line. */
final class ImportOutcomes implements OutcomeRecorder {

    private final long runId;
    private final RowOutcomeStore store;
    private final LongConsumer rewindTo;

    /** @param rewindTo told the first line a resumed run must read again after failures were forgotten */
    ImportOutcomes(long runId, RowOutcomeStore store, LongConsumer rewindTo) {
        this.runId = runId;
        this.store = store;
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
        store.accepted(runId, line, attempts, duplicateRisk);
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
