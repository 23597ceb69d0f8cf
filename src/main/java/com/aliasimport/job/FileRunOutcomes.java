package com.aliasimport.job;

import com.aliasimport.outcome.FailedRow;
import com.aliasimport.outcome.RowOutcomeStore;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The outcomes of a run over a file, as every such job records them: rows that failed a check and rows that failed
 * for good go to {@code failed_row} at once; a systemic stop forgets the failures that were not the rows' own and
 * has the resumed run read again from the first of them. What a success stores is the job's.
 *
 * @param <T> what the job keeps from a successful answer
 */
public abstract class FileRunOutcomes<T> implements OutcomeRecorder<T> {

    protected final long runId;
    protected final RowOutcomeStore store;
    private final LongConsumer rewindTo;

    /** @param rewindTo told the first line a resumed run must read again after failures were forgotten */
    protected FileRunOutcomes(long runId, RowOutcomeStore store, LongConsumer rewindTo) {
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
    public void failed(FailedRow row) {
        store.failed(row);
    }

    @Override
    public void forget(List<Long> lines) {
        store.forget(runId, lines);
        // Some of these rows may lie before the reader's checkpoint: the resumed run must read them again.
        lines.stream().mapToLong(Long::longValue).min().ifPresent(rewindTo);
    }
}
