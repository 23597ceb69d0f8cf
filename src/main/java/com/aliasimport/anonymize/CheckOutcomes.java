package com.aliasimport.anonymize;

import com.aliasimport.job.OutcomeRecorder;
import com.aliasimport.outcome.AcceptedRow;
import com.aliasimport.outcome.FailedRow;
import com.aliasimport.outcome.RowOutcomeStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * An anonymize check's outcomes. A key the API answered gets its results and then its accepted row, each committed
 * at once: keys are few next to an import's rows, and a crash between the two only means asking again (results are
 * replaced, never doubled). Keys that failed go to {@code failed_row} like an import's rows.
 */
final class CheckOutcomes implements OutcomeRecorder<Answer> {

    private final long runId;
    private final AnonymizeCheckJob job;
    private final RowOutcomeStore store;
    private final LongConsumer rewindTo;

    /** @param rewindTo told the first file line a resumed run must read again after failures were forgotten */
    CheckOutcomes(long runId, AnonymizeCheckJob job, RowOutcomeStore store, LongConsumer rewindTo) {
        this.runId = runId;
        this.job = job;
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
    public void succeeded(long line, Map<String, String> values, Answer answer, int attempts, boolean answerLost) {
        job.keep(runId, line, values, answer);
        store.accepted(runId, List.of(new AcceptedRow(line, attempts, false, Instant.now())));
    }

    @Override
    public void failed(FailedRow row) {
        store.failed(row);
    }

    @Override
    public void flush() {
        // Each outcome was stored as it came.
    }

    @Override
    public void forget(List<Long> lines) {
        store.forget(runId, lines);
        lines.stream().mapToLong(Long::longValue).min().ifPresent(line -> rewindTo.accept(KeyCheck.fileLineOf(line)));
    }
}
