package com.aliasimport.job;

import com.aliasimport.outcome.FailedRow;
import com.aliasimport.outcome.FailureType;
import com.aliasimport.sending.SendOutcome;
import com.aliasimport.sending.SendingPipeline;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * What became of a sent row, in the run's terms: a success, or a failed row with its reason.
 *
 * @param <R> a row as the job sends it
 * @param <T> what the job keeps from a successful answer
 */
final class RowOutcomes<R, T> implements SendingPipeline.OutcomeSink<R, T> {

    private final OutcomeRecorder<T> recorder;
    private final RunProgress progress;
    private final Function<R, Map<String, String>> values;
    private final boolean safeToRepeat;

    /**
     * @param values what a failed row stores of the row
     * @param safeToRepeat a request the API answered twice does no harm (a GET): a lost answer leaves the row
     *     EXHAUSTED, not UNKNOWN
     */
    RowOutcomes(
            OutcomeRecorder<T> recorder,
            RunProgress progress,
            Function<R, Map<String, String>> values,
            boolean safeToRepeat) {
        this.recorder = recorder;
        this.progress = progress;
        this.values = values;
        this.safeToRepeat = safeToRepeat;
    }

    @Override
    public void record(SendingPipeline.Pending<R> row, SendOutcome<T> outcome, Instant firstAttempt) {
        Instant last = Instant.now();
        if (outcome instanceof SendOutcome.Succeeded<T> s) {
            recorder.succeeded(
                    row.line(), values.apply(row.row()), s.result(), s.attempts(), s.answerLost() && !safeToRepeat);
        } else if (outcome instanceof SendOutcome.Rejected<T> r) {
            recorder.failed(failed(row, FailureType.REJECTED, r.status(), r.message(), r.attempts(), firstAttempt));
        } else if (outcome instanceof SendOutcome.Exhausted<T> e) {
            boolean unknown = e.answerLost() && !safeToRepeat;
            recorder.failed(failed(
                    row,
                    unknown ? FailureType.UNKNOWN : FailureType.EXHAUSTED,
                    e.status(),
                    unknown ? e.message() + "; an earlier attempt may have reached the API" : e.message(),
                    e.attempts(),
                    firstAttempt));
        }
        progress.sent(outcome instanceof SendOutcome.Succeeded);
    }

    private FailedRow failed(
            SendingPipeline.Pending<R> row,
            FailureType type,
            Integer status,
            String message,
            int attempts,
            Instant firstAttempt) {
        return new FailedRow(
                recorder.runId(),
                row.line(),
                values.apply(row.row()),
                type,
                status,
                message,
                attempts,
                firstAttempt,
                Instant.now(),
                null);
    }
}
