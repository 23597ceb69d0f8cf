package com.aliasimport.job;

import com.aliasimport.outcome.FailedRow;
import com.aliasimport.outcome.FailureType;
import com.aliasimport.sending.SendOutcome;
import com.aliasimport.sending.SendingPipeline;
import java.time.Instant;
import java.util.Map;

/** What became of a sent record, in the run's terms: an accepted row, or a failed row with its reason. */
final class RowOutcomes implements SendingPipeline.OutcomeSink<Map<String, String>, Void> {

    private final OutcomeRecorder recorder;
    private final RunProgress progress;

    RowOutcomes(OutcomeRecorder recorder, RunProgress progress) {
        this.recorder = recorder;
        this.progress = progress;
    }

    @Override
    public void record(
            SendingPipeline.Pending<Map<String, String>> row, SendOutcome<Void> outcome, Instant firstAttempt) {
        Instant last = Instant.now();
        if (outcome instanceof SendOutcome.Succeeded<Void> s) {
            recorder.accepted(row.line(), s.attempts(), s.answerLost());
        } else if (outcome instanceof SendOutcome.Rejected<Void> r) {
            recorder.failed(new FailedRow(
                    recorder.runId(),
                    row.line(),
                    row.row(),
                    FailureType.REJECTED,
                    r.status(),
                    r.message(),
                    r.attempts(),
                    firstAttempt,
                    last,
                    null));
        } else if (outcome instanceof SendOutcome.Exhausted<Void> e) {
            recorder.failed(new FailedRow(
                    recorder.runId(),
                    row.line(),
                    row.row(),
                    e.answerLost() ? FailureType.UNKNOWN : FailureType.EXHAUSTED,
                    e.status(),
                    e.answerLost() ? e.message() + "; an earlier attempt may have reached the API" : e.message(),
                    e.attempts(),
                    firstAttempt,
                    last,
                    null));
        }
        progress.sent(outcome instanceof SendOutcome.Succeeded);
    }
}
