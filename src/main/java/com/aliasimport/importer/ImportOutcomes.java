package com.aliasimport.importer;

import com.aliasimport.job.OutcomeRecorder;
import com.aliasimport.outcome.AcceptanceJournal;
import com.aliasimport.outcome.AcceptedRow;
import com.aliasimport.outcome.FailedRow;
import com.aliasimport.outcome.RowOutcomeStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * An import's outcomes: one new accepted_row or failed_row per line. Failed rows are committed at once;
 * acceptances are journaled at once and moved to the database with each checkpoint, a journal segment at a time
 * (rows keep being accepted while the previous ones are stored).
 */
final class ImportOutcomes implements OutcomeRecorder<Void> {

    private final long runId;
    private final RowOutcomeStore store;
    private final AcceptanceJournal journal;
    private final LongConsumer rewindTo;
    private final Object lock = new Object();
    private List<AcceptedRow> unstored = new ArrayList<>();
    private boolean storeFailed;

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
    public void succeeded(long line, Map<String, String> values, Void result, int attempts, boolean answerLost) {
        AcceptedRow row = new AcceptedRow(line, attempts, answerLost, Instant.now());
        synchronized (lock) {
            journal.append(row);
            unstored.add(row);
        }
    }

    @Override
    public void flush() {
        List<AcceptedRow> batch;
        Path segment;
        synchronized (lock) {
            if (unstored.isEmpty()) {
                return;
            }
            batch = unstored;
            unstored = new ArrayList<>();
            segment = journal.rotate();
            storeFailed = true; // until the batch is in: on failure its segment stays for the next session
        }
        store.accepted(runId, batch);
        synchronized (lock) {
            storeFailed = false;
        }
        AcceptanceJournal.delete(segment);
    }

    /** Whether every acceptance so far is in the database (the journal is no longer needed). */
    boolean allStored() {
        synchronized (lock) {
            return unstored.isEmpty() && !storeFailed;
        }
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
