package com.aliasimport.job;

import com.aliasimport.config.ConfigurationException;
import com.aliasimport.csv.CsvSettings;
import com.aliasimport.csv.Preflight;
import com.aliasimport.database.DatabaseOutage;
import com.aliasimport.metrics.FinishedRun;
import com.aliasimport.metrics.RunMetrics;
import com.aliasimport.outcome.RowOutcomeStore;
import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunCounts;
import com.aliasimport.run.RunLock;
import com.aliasimport.run.RunStatus;
import com.aliasimport.run.RunStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.stereotype.Service;

/**
 * The life of a run over a file that every job shares, whatever it sends: the file's content and target identify
 * the run; the run's lock keeps a second process away (exit 4); a run that finished is not run again unless asked;
 * one that failed or died resumes; sessions are run again after a database outage, as the same command would; and
 * the run's counts and status are recorded at the end.
 */
@Service
public class FileRuns {

    private static final Logger log = LoggerFactory.getLogger(FileRuns.class);
    /** Outages one run rides out before it stops (resumably): a database that keeps flapping needs a person. */
    private static final int MAX_SESSIONS_AFTER_OUTAGES = 10;

    private final RunStore runs;
    private final RowOutcomeStore outcomes;
    private final RunLock runLock;
    private final DatabaseOutage outage;
    private final RunMetrics metrics;

    FileRuns(RunStore runs, RowOutcomeStore outcomes, RunLock runLock, DatabaseOutage outage, RunMetrics metrics) {
        this.metrics = metrics;
        this.runs = runs;
        this.outcomes = outcomes;
        this.runLock = runLock;
        this.outage = outage;
    }

    /** One session of a run, from its last checkpoint. */
    @FunctionalInterface
    public interface Session {
        RunSessions.Ended run(long runId, RunLock.Held lock);
    }

    /**
     * How a run over a file ended.
     *
     * @param ended how its last session ended; null when the file was done already ({@code run} is that run)
     */
    public record Finished(RunOutcome outcome, ImportRun run, RunCounts counts, RunSessions.Ended ended) {

        public String message() {
            return ended == null ? null : ended.message();
        }
    }

    /**
     * Runs {@code kind} over the file whose preflight this is, to {@code target}: resumes its unfinished run, or
     * starts one (when none is there, or the last finished and {@code newRun}).
     */
    public Finished run(
            ImportRun.Kind kind,
            Path file,
            Preflight preflight,
            String target,
            boolean newRun,
            RunProgress progress,
            Session session) {
        try (RunLock.Held lock = runLock.acquire(RunLock.keyFor(preflight.sha256Hex(), target), file.toString())) {
            Optional<ImportRun> latest = runs.latestOf(kind, preflight.sha256Hex(), target);
            if (latest.isPresent() && latest.get().status().isFinished() && !newRun) {
                return new Finished(
                        RunOutcome.NOTHING_TO_DO, latest.get(), latest.get().counts(), null);
            }
            long runId = latest.isPresent() && !latest.get().status().isFinished() && !newRun
                    ? latest.get().id()
                    : runs.create(
                            kind,
                            file.getFileName().toString(),
                            file.toAbsolutePath().toString(),
                            preflight.sha256Hex(),
                            target,
                            preflight.rowCount(),
                            null);
            lock.attach(runId);
            Finished finished = sessions(runId, preflight.rowCount(), progress, () -> session.run(runId, lock));
            metrics.finished(new FinishedRun(
                    FinishedRun.commandOf(kind),
                    finished.run(),
                    finished.ended().answersByStatus(),
                    finished.ended().flow()));
            return finished;
        }
    }

    private Finished sessions(long runId, long rowCount, RunProgress progress, Supplier<RunSessions.Ended> session) {
        RunSessions.Ended ended = session.get();
        Duration time = ended.time();
        // The database went away and the job stopped: once it answers again (DatabaseOutage waits up to the outage
        // wait, then throws the one line), carry on as the same command run again would.
        for (int again = 1; ended.databaseLost() && again <= MAX_SESSIONS_AFTER_OUTAGES; again++) {
            outage.awaitDatabase();
            log.info("run {}: the database is back; carrying on", runId);
            ended = session.get();
            time = time.plus(ended.time());
        }
        RunSessions.Ended last = ended;
        Duration sessionsTime = time;
        long read = last.status() == BatchStatus.COMPLETED ? rowCount : progress.readPosition();
        RunCounts counts = outage.retry(() -> outcomes.counts(runId, read));
        RunStatus status = RunStatus.of(last.status(), counts);
        outage.retry(() -> runs.finish(runId, status, last.message(), counts, sessionsTime, last.flow()));
        nothingSentForCertificate(last, counts);
        return new Finished(RunOutcome.of(status), runs.find(runId).orElseThrow(), counts, last);
    }

    /**
     * The reader of a session of the run: from its checkpoint, reading again from a line a systemic stop left to
     * resend, and passing over items that already have an outcome.
     */
    public <I extends SendItem<?>> CsvItemReader<I> reader(
            long runId,
            Path file,
            CsvSettings csv,
            CsvItemReader.RowItems<I> rowItems,
            long limit,
            RunProgress progress,
            Supplier<OptionalLong> oldestPending) {
        long rewindLine = outage.retry(() -> runs.rewindLine(runId));
        Rewind rewind = rewindLine > 0 ? new Rewind(rewindLine, () -> runs.clearRewind(runId)) : Rewind.NONE;
        long highestLineDone = outage.retry(() -> outcomes.highestLineWithOutcome(runId));
        DoneLines done = new DoneLines((from, to) -> outcomes.linesWithOutcome(runId, from, to), highestLineDone);
        return new CsvItemReader<>(file, csv, rowItems, limit, progress, rewind, done, oldestPending);
    }

    /** Remembers the first file line a resumed run must read again: a systemic stop forgot failures up to there. */
    public void rewindTo(long runId, long line) {
        runs.rewindTo(runId, line);
    }

    /**
     * A certificate not accepted is a setting to fix: when the run has sent nothing yet, it ends as a configuration
     * error (exit 2), resumable like any stopped run. Once rows went out, it is a stopped run like the others (exit 1).
     */
    static void nothingSentForCertificate(RunSessions.Ended ended, RunCounts counts) {
        if (ended.certificateProblem() && counts.sent() == 0) {
            throw new ConfigurationException(ended.message());
        }
    }
}
