package com.aliasimport.anonymize;

import com.aliasimport.job.FileRunOutcomes;
import com.aliasimport.outcome.AcceptedRow;
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
final class CheckOutcomes extends FileRunOutcomes<Answer> {

    private final AnonymizeCheckJob job;

    /**
     * @param rewindTo told the first file line a resumed run must read again after failures were forgotten (a key's
     *     line is turned into its file line here)
     */
    CheckOutcomes(long runId, AnonymizeCheckJob job, RowOutcomeStore store, LongConsumer rewindTo) {
        super(runId, store, line -> rewindTo.accept(KeyCheck.fileLineOf(line)));
        this.job = job;
    }

    @Override
    public void succeeded(long line, Map<String, String> values, Answer answer, int attempts, boolean answerLost) {
        job.keep(runId, line, values, answer);
        store.accepted(runId, List.of(new AcceptedRow(line, attempts, false, Instant.now())));
    }

    @Override
    public void flush() {
        // Each outcome was stored as it came.
    }
}
