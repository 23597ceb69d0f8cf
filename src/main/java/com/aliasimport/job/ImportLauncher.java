package com.aliasimport.job;

import com.aliasimport.config.AliasImportProperties;
import com.aliasimport.config.ConfigurationException;
import com.aliasimport.csv.CsvFileException;
import com.aliasimport.csv.CsvPreflight;
import com.aliasimport.csv.CsvRow;
import com.aliasimport.csv.CsvRowCursor;
import com.aliasimport.csv.CsvSettings;
import com.aliasimport.csv.Preflight;
import com.aliasimport.database.DatabaseOutage;
import com.aliasimport.mapping.ClassifiedRow;
import com.aliasimport.mapping.ColumnBinding;
import com.aliasimport.mapping.HeaderCheck;
import com.aliasimport.mapping.InboundMapping;
import com.aliasimport.mapping.RowClassifier;
import com.aliasimport.mapping.RowProblem;
import com.aliasimport.outcome.AcceptanceJournal;
import com.aliasimport.outcome.AcceptedRow;
import com.aliasimport.outcome.RowOutcomeStore;
import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunCounts;
import com.aliasimport.run.RunLock;
import com.aliasimport.run.RunStatus;
import com.aliasimport.run.RunStore;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.stereotype.Service;

/**
 * Runs an {@code import}: checks the file whole before anything is sent, finds out whether its content was
 * imported before (nothing to do), is being imported by another process (exit 4), or died half way (resume),
 * then runs the Spring Batch job and records how it ended.
 */
@Service
public class ImportLauncher {

    private static final Logger log = LoggerFactory.getLogger(ImportLauncher.class);
    private static final int SAMPLE_PROBLEMS = 10;
    /** Outages one run rides out before it stops (resumably): a database that keeps flapping needs a person. */
    private static final int MAX_SESSIONS_AFTER_OUTAGES = 10;

    private final AliasImportProperties properties;
    private final SendingJobs jobs;
    private final RunSessions sessions;
    private final RunStore runs;
    private final RowOutcomeStore outcomes;
    private final RunLock runLock;
    private final DatabaseOutage outage;

    public ImportLauncher(
            AliasImportProperties properties,
            SendingJobs jobs,
            RunSessions sessions,
            RunStore runs,
            RowOutcomeStore outcomes,
            RunLock runLock,
            DatabaseOutage outage) {
        this.outage = outage;
        this.properties = properties;
        this.jobs = jobs;
        this.sessions = sessions;
        this.runs = runs;
        this.outcomes = outcomes;
        this.runLock = runLock;
    }

    public ImportResult importFile(ImportRequest request) {
        CsvSettings csv = request.csv();
        InboundMapping mapping =
                InboundMapping.from(properties.mapping(), request.columnMap(), request.ignoreColumns());
        HeaderCheck headerCheck = new HeaderCheck(mapping);
        String name = displayName(request.file());
        Preflight preflight;
        try {
            preflight = new CsvPreflight(csv).run(request.file(), header -> headerCheck.bind(name, header));
        } catch (CsvFileException e) {
            // A header that does not fit explains more than what the rows tripped over: say that instead.
            List<String> header = CsvPreflight.roughHeader(request.file(), csv);
            if (!header.isEmpty()) {
                headerCheck.bind(name, header);
            }
            throw e;
        }
        ColumnBinding binding = headerCheck.bind(name, preflight.header());
        if (request.dryRun()) {
            return dryRun(request.file(), csv, mapping, binding, preflight);
        }
        try (RunLock.Held lock =
                runLock.acquire(lockKey(preflight.sha256Hex(), request.target()), displayName(request.file()))) {
            Optional<ImportRun> latest = runs.latestImportOf(preflight.sha256Hex(), request.target());
            if (latest.isPresent() && latest.get().status().isFinished() && !request.newRun()) {
                return new ImportResult(
                        ImportResult.Outcome.ALREADY_IMPORTED,
                        latest.get(),
                        latest.get().counts(),
                        null,
                        preflight,
                        List.of(),
                        0,
                        null);
            }
            long runId = latest.isPresent() && !latest.get().status().isFinished() && !request.newRun()
                    ? latest.get().id()
                    : runs.create(
                            ImportRun.Kind.IMPORT,
                            request.file().getFileName().toString(),
                            request.file().toAbsolutePath().toString(),
                            preflight.sha256Hex(),
                            request.target(),
                            preflight.rowCount(),
                            null);
            lock.attach(runId);
            return run(runId, request, csv, mapping, binding, preflight, lock);
        }
    }

    private ImportResult run(
            long runId,
            ImportRequest request,
            CsvSettings csv,
            InboundMapping mapping,
            ColumnBinding binding,
            Preflight preflight,
            RunLock.Held lock) {
        RunProgress progress = new RunProgress(preflight.rowCount());
        Session session = session(runId, request, csv, mapping, binding, preflight, lock, progress);
        java.time.Duration time = session.ended().time();
        // The database went away and the job stopped: once it answers again (DatabaseOutage waits up to the outage
        // wait, then throws the one line), carry on as the same command run again would.
        for (int again = 1; session.ended().databaseLost() && again <= MAX_SESSIONS_AFTER_OUTAGES; again++) {
            outage.awaitDatabase();
            log.info("run {}: the database is back; carrying on", runId);
            session = session(runId, request, csv, mapping, binding, preflight, lock, progress);
            time = time.plus(session.ended().time());
        }
        java.time.Duration sessionsTime = time;
        RunSessions.Ended ended = session.ended();
        long read = ended.status() == BatchStatus.COMPLETED ? preflight.rowCount() : progress.readPosition();
        RunCounts counts = outage.retry(() -> outcomes.counts(runId, read));
        RunStatus runStatus = RunStatus.of(ended.status(), counts);
        outage.retry(() -> runs.finish(runId, runStatus, ended.message(), counts, sessionsTime, ended.flow()));
        nothingSentForCertificate(ended, counts);
        return new ImportResult(
                ImportResult.Outcome.of(runStatus),
                runs.find(runId).orElseThrow(),
                counts,
                ended.message(),
                preflight,
                List.of(),
                ended.tokenRequests(),
                ended.flow());
    }

    private record Session(RunSessions.Ended ended) {}

    /** One Spring Batch session of the run: from the last checkpoint, skipping rows that have an outcome. */
    private Session session(
            long runId,
            ImportRequest request,
            CsvSettings csv,
            InboundMapping mapping,
            ColumnBinding binding,
            Preflight preflight,
            RunLock.Held lock,
            RunProgress progress) {
        long rewindLine = outage.retry(() -> runs.rewindLine(runId));
        Path journalFile = journalFile(runId);
        RunSessions.Ended ended;
        boolean allStored;
        try (AcceptanceJournal journal = AcceptanceJournal.open(journalFile)) {
            storeJournaled(runId, journalFile);
            journal.deleteEarlierSegments(); // all they held is in the database now
            long highestLineDone = outage.retry(() -> outcomes.highestLineWithOutcome(runId));
            var recorder = new ImportOutcomes(runId, outcomes, journal, line -> runs.rewindTo(runId, line));
            var target = new RunSessions.Target(request.target(), request.api(), request.send());
            ended = sessions.run(
                    runId,
                    SendingJobs.IMPORT_JOB,
                    target,
                    progress,
                    lock,
                    request.progressObserver(),
                    recorder,
                    sending -> {
                        var classifier = new RowClassifier(binding, mapping, preflight.rowCount());
                        Rewind rewind =
                                rewindLine > 0 ? new Rewind(rewindLine, () -> runs.clearRewind(runId)) : Rewind.NONE;
                        DoneLines done = new DoneLines(
                                (from, to) -> outcomes.linesWithOutcome(runId, from, to), highestLineDone);
                        var reader = new ImportRowReader(
                                request.file(),
                                csv,
                                classifier,
                                request.limit(),
                                progress,
                                rewind,
                                done,
                                sending.pipeline()::oldestPending);
                        return jobs.importJob(reader, sending, request.send().chunkSize());
                    });
            // False when the database failed under the last chunk: the journal keeps its rows for the next session.
            allStored = recorder.allStored();
        }
        if (allStored) {
            deleteJournal(journalFile);
        }
        return new Session(ended);
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

    /**
     * The run's journal: the one its first session chose, or a new one (unique, as run ids repeat across databases).
     */
    private Path journalFile(long runId) {
        String known = runs.journal(runId);
        if (known != null) {
            return Path.of(known);
        }
        Path file = properties
                .journalDir()
                .resolve("run-" + runId + "-" + UUID.randomUUID() + ".journal")
                .toAbsolutePath();
        runs.setJournal(runId, file.toString());
        return file;
    }

    /** Acceptances a session that died had journaled but not stored: stored now, before anything is sent. */
    private void storeJournaled(long runId, Path journalFile) {
        List<AcceptedRow> rows = AcceptanceJournal.read(journalFile);
        if (!rows.isEmpty()) {
            log.info("run {}: storing {} accepted rows journaled by a session that ended early", runId, rows.size());
            outcomes.acceptedEarlier(runId, rows);
        }
    }

    private static void deleteJournal(Path file) {
        try {
            AcceptanceJournal.deleteAll(file);
        } catch (UncheckedIOException e) {
            log.warn("could not delete the empty acceptance journal {}: {}", file, e.getMessage());
        }
    }

    private ImportResult dryRun(
            Path file, CsvSettings csv, InboundMapping mapping, ColumnBinding binding, Preflight preflight) {
        RowClassifier classifier = new RowClassifier(binding, mapping, preflight.rowCount());
        long valid = 0;
        long invalid = 0;
        long duplicate = 0;
        List<String> samples = new ArrayList<>();
        try (CsvRowCursor cursor = CsvRowCursor.open(file, csv, 0, row -> {})) {
            for (CsvRow row = cursor.next(); row != null; row = cursor.next()) {
                ClassifiedRow c = classifier.classify(row);
                if (c.isValid()) {
                    valid++;
                    continue;
                }
                if (c.problem().kind() == RowProblem.Kind.DUPLICATE) {
                    duplicate++;
                } else {
                    invalid++;
                }
                if (samples.size() < SAMPLE_PROBLEMS) {
                    samples.add("line " + c.line() + ": " + c.problem().kind() + ": "
                            + c.problem().message());
                }
            }
        }
        var counts = new RunCounts(preflight.rowCount(), valid, 0, 0, invalid, duplicate, 0, 0, 0);
        return new ImportResult(ImportResult.Outcome.DRY_RUN, null, counts, null, preflight, samples, 0, null);
    }

    /** One lock per file content and target, short enough for the lock table's key. */
    static String lockKey(String contentHash, String target) {
        try {
            var sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest((contentHash + "|" + target).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "import:" + java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String displayName(Path file) {
        return file.toString();
    }
}
