package com.aliasimport.importer;

import com.aliasimport.job.FileRunOutcomes;
import com.aliasimport.outcome.AcceptanceJournal;
import com.aliasimport.outcome.AcceptedRow;
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
final class ImportOutcomes extends FileRunOutcomes<Void> {

    private final AcceptanceJournal journal;
    private final Object lock = new Object();
    private List<AcceptedRow> unstored = new ArrayList<>();
    private boolean storeFailed;

    /** @param rewindTo told the first line a resumed run must read again after failures were forgotten */
    ImportOutcomes(long runId, RowOutcomeStore store, AcceptanceJournal journal, LongConsumer rewindTo) {
        super(runId, store, rewindTo);
        this.journal = journal;
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
}
