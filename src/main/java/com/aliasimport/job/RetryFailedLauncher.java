package com.aliasimport.job;

import com.aliasimport.config.ConfigurationException;
import com.aliasimport.metrics.FinishedRun;
import com.aliasimport.metrics.RunMetrics;
import com.aliasimport.outcome.FailedRowRetries;
import com.aliasimport.outcome.FailureType;
import com.aliasimport.run.ImportRun;
import com.aliasimport.run.NoSuchRunException;
import com.aliasimport.run.RunCounts;
import com.aliasimport.run.RunLock;
import com.aliasimport.run.RunStatus;
import com.aliasimport.run.RunStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.stereotype.Service;

/**
 * Runs {@code retry-failed}: a restartable job of its own that sends the unresolved failed rows of an import or an
 * anonymize check again, through the job that sent them first. Rows that get through are marked resolved by the
 * retry run; rows that fail again keep their history. It holds the same lock as a run over the file, so it never
 * runs beside one.
 */
@Service
public class RetryFailedLauncher {

    /** Spring Batch's names for retry-failed passes, whatever job the run being retried belongs to. */
    static final String RETRY_JOB = "retryFailedJob";

    private static final String RETRY_STEP = "resendRows";

    private final RunStore runs;
    private final FailedRowRetries retries;
    private final RunLock runLock;
    private final RunSessions sessions;
    private final SendingJobs jobs;
    private final List<SendingJob<?, ?>> jobTypes;
    private final RunMetrics metrics;

    public RetryFailedLauncher(
            RunStore runs,
            FailedRowRetries retries,
            RunLock runLock,
            RunSessions sessions,
            SendingJobs jobs,
            List<SendingJob<?, ?>> jobTypes,
            RunMetrics metrics) {
        this.metrics = metrics;
        this.jobTypes = List.copyOf(jobTypes);
        this.runs = runs;
        this.retries = retries;
        this.runLock = runLock;
        this.sessions = sessions;
        this.jobs = jobs;
    }

    public RetryResult retry(long originRunId, RetryRequest request) {
        ImportRun origin = runs.find(originRunId).orElseThrow(() -> new NoSuchRunException(originRunId));
        if (!origin.target().equals(request.target())) {
            throw new ConfigurationException("run " + origin.id() + " sent its rows to " + origin.target()
                    + ", but the settings now point at " + request.target() + ": retry with the same settings");
        }
        List<FailureType> types = new ArrayList<>(List.of(FailureType.EXHAUSTED, FailureType.UNKNOWN));
        if (request.includeRejected()) {
            types.add(FailureType.REJECTED);
        }
        try (RunLock.Held lock =
                runLock.acquire(RunLock.keyFor(origin.contentHash(), origin.target()), origin.fileName())) {
            ImportRun current = runs.find(originRunId).orElseThrow();
            if (!current.status().isFinished()) {
                throw new ConfigurationException("run " + origin.id() + " has not finished (" + current.status()
                        + "): run 'import " + origin.filePath() + "' again to finish it first");
            }
            Optional<ImportRun> unfinished =
                    runs.latestRetryOf(origin.id()).filter(r -> !r.status().isFinished());
            long candidates = retries.countUnresolved(origin.id(), types);
            if (unfinished.isEmpty() && candidates == 0) {
                return new RetryResult(RunOutcome.NOTHING_TO_DO, origin, null, RunCounts.NONE, null, 0);
            }
            long retryId = unfinished
                    .map(ImportRun::id)
                    .orElseGet(() -> runs.create(
                            ImportRun.Kind.RETRY,
                            origin.fileName(),
                            origin.filePath(),
                            origin.contentHash(),
                            origin.target(),
                            candidates,
                            origin.id()));
            lock.attach(retryId);
            return run(jobOf(origin), origin, retryId, candidates, types, request, lock);
        }
    }

    private SendingJob<?, ?> jobOf(ImportRun origin) {
        return jobTypes.stream()
                .filter(j -> j.kind() == origin.kind())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no job sends runs of kind " + origin.kind()));
    }

    private <R, T> RetryResult run(
            SendingJob<R, T> job,
            ImportRun origin,
            long retryId,
            long candidates,
            List<FailureType> types,
            RetryRequest request,
            RunLock.Held lock) {
        RunProgress progress = new RunProgress(candidates);
        long rewindLine = runs.rewindLine(retryId);
        var rewind = rewindLine > 0 ? new Rewind(rewindLine, () -> runs.clearRewind(retryId)) : Rewind.NONE;
        var outcomes = new RetryOutcomes<>(job, origin.id(), retryId, retries, line -> runs.rewindTo(retryId, line));
        var target = new RunSessions.Target(request.target(), request.api(), request.send());
        RunSessions.Ended ended = sessions.run(
                retryId, RETRY_JOB, job, target, progress, lock, request.progressObserver(), outcomes, sending -> {
                    var reader = new FailedRowReader<>(
                            retries,
                            origin.id(),
                            types,
                            progress,
                            rewind,
                            sending.pipeline()::oldestPending,
                            job::resend);
                    return jobs.job(
                            RETRY_JOB,
                            RETRY_STEP,
                            reader,
                            reader::finished,
                            sending,
                            request.send().chunkSize());
                });
        RunCounts sentSoFar = retries.counts(retryId, 0);
        long read = ended.status() == BatchStatus.COMPLETED
                ? runs.find(retryId).orElseThrow().rowCount()
                : sentSoFar.sent();
        RunCounts counts = retries.counts(retryId, read);
        RunStatus status = RunStatus.of(ended.status(), counts);
        runs.finish(retryId, status, ended.message(), counts, ended.time(), ended.flow());
        metrics.finished(new FinishedRun(
                "retry-failed", runs.find(retryId).orElseThrow(), ended.answersByStatus(), ended.flow()));
        FileRuns.nothingSentForCertificate(ended, counts);
        return new RetryResult(
                RunOutcome.of(status),
                origin,
                runs.find(retryId).orElseThrow(),
                counts,
                ended.message(),
                retries.countUnresolved(origin.id(), types));
    }
}
