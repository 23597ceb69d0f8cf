package com.aliasimport.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.aliasimport.api.RecordSender;
import com.aliasimport.api.SendOutcome;
import com.aliasimport.api.SystemicFailureException;
import com.aliasimport.mapping.ClassifiedRow;
import com.aliasimport.mapping.RowProblem;
import com.aliasimport.report.FailedRow;
import com.aliasimport.report.FailureType;

/**
 * Writes a chunk: rows that failed a check are stored as failed rows (in the chunk's transaction, with the
 * checkpoint); valid rows are sent concurrently, at most {@code concurrency} at a time, and each row's outcome is
 * stored the moment it is known, in its own transaction. A bad row never throws: only a systemic failure does,
 * which fails the step so that a re-run resumes it.
 */
final class SendingWriter implements ItemWriter<ClassifiedRow> {

    private static final Logger log = LoggerFactory.getLogger(SendingWriter.class);

    private final RecordSender sender;
    private final OutcomeRecorder outcomes;
    private final ExecutorService pool;
    private final FailFastGuard guard;
    private final RunProgress progress;
    private final StopSignal stopSignal;
    /** Lines up to here may already have an outcome from a session that died; checked before sending. */
    private final long resumeHighWater;

    SendingWriter(RecordSender sender, OutcomeRecorder outcomes, ExecutorService pool, FailFastGuard guard,
            RunProgress progress, StopSignal stopSignal, long resumeHighWater) {
        this.sender = sender;
        this.outcomes = outcomes;
        this.pool = pool;
        this.guard = guard;
        this.progress = progress;
        this.stopSignal = stopSignal;
        this.resumeHighWater = resumeHighWater;
    }

    @Override
    public void write(Chunk<? extends ClassifiedRow> chunk) throws Exception {
        List<FailedRow> problems = new ArrayList<>();
        List<ClassifiedRow> toSend = new ArrayList<>();
        for (ClassifiedRow row : withoutRowsAlreadyDone(chunk.getItems())) {
            if (row.isValid()) {
                toSend.add(row);
            } else {
                problems.add(problemRow(row));
                progress.notSent();
            }
        }
        outcomes.problems(problems);

        List<Future<?>> inFlight = new ArrayList<>(toSend.size());
        for (ClassifiedRow row : toSend) {
            inFlight.add(pool.submit(() -> sendAndRecord(row)));
        }
        awaitAll(inFlight);
        outcomes.chunkEnded();
        if (guard.stopped()) {
            outcomes.forget(guard.linesToForget());
            throw new SystemicFailureException(guard.stopReason());
        }
    }

    /** Rows a session that died or stopped already dealt with (sent or recorded) are skipped. */
    private List<? extends ClassifiedRow> withoutRowsAlreadyDone(List<? extends ClassifiedRow> rows) {
        if (rows.isEmpty() || rows.get(0).line() > resumeHighWater) {
            return rows;
        }
        Set<Long> done = outcomes.linesWithOutcome(rows.get(0).line(), rows.get(rows.size() - 1).line());
        List<ClassifiedRow> remaining = new ArrayList<>(rows.size());
        for (ClassifiedRow row : rows) {
            if (done.contains(row.line())) {
                progress.alreadyDone();
            } else {
                remaining.add(row);
            }
        }
        return remaining;
    }

    private void sendAndRecord(ClassifiedRow row) {
        if (guard.stopped()) {
            return; // not attempted: no outcome, so a resumed run sends it
        }
        if (stopSignal.isRaised()) {
            guard.stop(stopSignal.reason());
            return;
        }
        Instant first = Instant.now();
        SendOutcome outcome;
        try {
            outcome = sender.send(row.record());
        } catch (SystemicFailureException e) {
            guard.stop(e.getMessage());
            return;
        } catch (CancellationException e) {
            return;
        }
        Instant last = Instant.now();
        if (outcome instanceof SendOutcome.Accepted a) {
            outcomes.accepted(row.line(), a.attempts(), a.afterUnknownOutcome());
        } else if (outcome instanceof SendOutcome.Rejected r) {
            outcomes.failed(new FailedRow(outcomes.runId(), row.line(), row.record(), FailureType.REJECTED, r.status(),
                    r.message(), r.attempts(), first, last, null));
        } else if (outcome instanceof SendOutcome.Exhausted e) {
            outcomes.failed(new FailedRow(outcomes.runId(), row.line(), row.record(),
                    e.outcomeUnknown() ? FailureType.UNKNOWN : FailureType.EXHAUSTED, e.status(),
                    e.outcomeUnknown() ? e.message() + "; an earlier attempt may have reached the API" : e.message(),
                    e.attempts(), first, last, null));
        }
        progress.sent(outcome instanceof SendOutcome.Accepted);
        guard.observe(row.line(), outcome);
    }

    private void awaitAll(List<Future<?>> futures) throws InterruptedException {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                // An unexpected error (a database failure, say): stop the run rather than lose track of a row.
                log.error("sending a row failed unexpectedly", e.getCause());
                guard.stop("unexpected error while sending: " + e.getCause());
            }
            // No cancelling after a stop: rows not yet started return at once, rows in flight end within moments
            // (the sender stops retrying), and their outcomes must be known before the chunk ends.
        }
    }

    private FailedRow problemRow(ClassifiedRow row) {
        RowProblem p = row.problem();
        FailureType type = p.kind() == RowProblem.Kind.DUPLICATE ? FailureType.DUPLICATE : FailureType.INVALID;
        return new FailedRow(outcomes.runId(), row.line(), row.record(), type, null, p.message(), 0, null, null, null);
    }
}
