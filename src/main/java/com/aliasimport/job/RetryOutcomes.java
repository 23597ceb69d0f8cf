package com.aliasimport.job;

import com.aliasimport.outcome.FailedRow;
import com.aliasimport.outcome.FailedRowRetries;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/** A retry-failed pass's outcomes: they update the failed rows of the run being retried. */
final class RetryOutcomes<T> implements OutcomeRecorder<T> {

    private final long originRunId;
    private final long retryRunId;
    private final FailedRowRetries retries;
    private final LongConsumer rewindTo;
    private final SendingJob<?, T> job;

    /** @param job keeps what a successful answer returned, under the run being retried */
    RetryOutcomes(
            SendingJob<?, T> job, long originRunId, long retryRunId, FailedRowRetries retries, LongConsumer rewindTo) {
        this.job = job;
        this.rewindTo = rewindTo;
        this.originRunId = originRunId;
        this.retryRunId = retryRunId;
        this.retries = retries;
    }

    @Override
    public long runId() {
        return originRunId;
    }

    @Override
    public void problems(List<FailedRow> rows) {
        // Rows come from the database as they were sent before: there is nothing to check again.
    }

    @Override
    public void succeeded(long line, Map<String, String> values, T result, int attempts, boolean answerLost) {
        job.keep(originRunId, line, values, result);
        retries.resolved(originRunId, line, retryRunId, attempts, answerLost);
    }

    @Override
    public void failed(FailedRow row) {
        retries.failedAgain(originRunId, row, retryRunId);
    }

    @Override
    public void flush() {
        // Each outcome was stored as it came: retry passes are small, and resolve rows one by one.
    }

    @Override
    public void forget(List<Long> lines) {
        // They failed through no fault of their own: transient failures, which the resumed pass sends again,
        // starting from the first of them even if the checkpoint has passed it.
        retries.markTransient(originRunId, lines);
        lines.stream().mapToLong(Long::longValue).min().ifPresent(rewindTo);
    }
}
