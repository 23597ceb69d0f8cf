package com.aliasimport.importer;

import com.aliasimport.config.AliasImportProperties;
import com.aliasimport.csv.CsvFileException;
import com.aliasimport.csv.CsvPreflight;
import com.aliasimport.csv.CsvRow;
import com.aliasimport.csv.CsvRowCursor;
import com.aliasimport.csv.CsvSettings;
import com.aliasimport.csv.Preflight;
import com.aliasimport.database.DatabaseOutage;
import com.aliasimport.job.FileRuns;
import com.aliasimport.job.RunOutcome;
import com.aliasimport.job.RunProgress;
import com.aliasimport.job.RunSessions;
import com.aliasimport.job.SendingJobs;
import com.aliasimport.mapping.ClassifiedRow;
import com.aliasimport.mapping.ColumnBinding;
import com.aliasimport.mapping.HeaderCheck;
import com.aliasimport.mapping.InboundMapping;
import com.aliasimport.mapping.RowClassifier;
import com.aliasimport.outcome.AcceptanceJournal;
import com.aliasimport.outcome.AcceptedRow;
import com.aliasimport.outcome.RowOutcomeStore;
import com.aliasimport.outcome.RowProblem;
import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunCounts;
import com.aliasimport.run.RunLock;
import com.aliasimport.run.RunStore;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs an {@code import}: checks the file whole against the mapping before anything is sent, then runs it as a
 * {@link FileRuns file run} (done already, in progress elsewhere, resumed or new), each session journaling the rows
 * the API accepted until they reach the database.
 */
@Service
public class ImportLauncher {

    private static final Logger log = LoggerFactory.getLogger(ImportLauncher.class);
    private static final int SAMPLE_PROBLEMS = 10;

    private final AliasImportProperties properties;
    private final FileRuns fileRuns;
    private final SendingJobs jobs;
    private final RunSessions sessions;
    private final RecordsJob recordsJob;
    private final RunStore runs;
    private final RowOutcomeStore outcomes;
    private final DatabaseOutage outage;

    public ImportLauncher(
            AliasImportProperties properties,
            FileRuns fileRuns,
            SendingJobs jobs,
            RunSessions sessions,
            RecordsJob recordsJob,
            RunStore runs,
            RowOutcomeStore outcomes,
            DatabaseOutage outage) {
        this.properties = properties;
        this.fileRuns = fileRuns;
        this.jobs = jobs;
        this.sessions = sessions;
        this.recordsJob = recordsJob;
        this.runs = runs;
        this.outcomes = outcomes;
        this.outage = outage;
    }

    public ImportResult importFile(ImportRequest request) {
        CsvSettings csv = request.csv();
        InboundMapping mapping = InboundMapping.from(
                properties.profile(request.profile()), request.columnMap(), request.ignoreColumns());
        HeaderCheck headerCheck = new HeaderCheck(mapping);
        String name = request.file().toString();
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
        RunProgress progress = new RunProgress(preflight.rowCount());
        FileRuns.Finished finished = fileRuns.run(
                ImportRun.Kind.IMPORT,
                request.file(),
                preflight,
                request.target(),
                request.newRun(),
                progress,
                (runId, lock) -> session(runId, lock, request, mapping, binding, preflight, progress));
        RunSessions.Ended ended = finished.ended();
        return new ImportResult(
                finished.outcome(),
                finished.run(),
                finished.counts(),
                finished.message(),
                preflight,
                List.of(),
                ended == null ? 0 : ended.tokenRequests(),
                ended == null ? null : ended.flow());
    }

    /** One Spring Batch session of the run: from the last checkpoint, skipping rows that have an outcome. */
    private RunSessions.Ended session(
            long runId,
            RunLock.Held lock,
            ImportRequest request,
            InboundMapping mapping,
            ColumnBinding binding,
            Preflight preflight,
            RunProgress progress) {
        Path journalFile = journalFile(runId);
        RunSessions.Ended ended;
        boolean allStored;
        try (AcceptanceJournal journal = AcceptanceJournal.open(journalFile)) {
            storeJournaled(runId, journalFile);
            journal.deleteEarlierSegments(); // all they held is in the database now
            var recorder = new ImportOutcomes(runId, outcomes, journal, line -> fileRuns.rewindTo(runId, line));
            var target = new RunSessions.Target(request.target(), request.api(), request.send());
            ended = sessions.run(
                    runId,
                    recordsJob.jobName(),
                    recordsJob,
                    target,
                    progress,
                    lock,
                    request.progressObserver(),
                    recorder,
                    sending -> {
                        var classifier = new RowClassifier(binding, mapping, preflight.rowCount());
                        var reader = fileRuns.reader(
                                runId,
                                request.file(),
                                request.csv(),
                                row -> List.of(classifier.classify(row)),
                                request.limit(),
                                progress,
                                sending.pipeline()::oldestPending);
                        return jobs.job(
                                recordsJob.jobName(),
                                recordsJob.stepName(),
                                reader,
                                reader::finished,
                                sending,
                                request.send().chunkSize());
                    });
            // False when the database failed under the last chunk: the journal keeps its rows for the next session.
            allStored = recorder.allStored();
        }
        if (allStored) {
            deleteJournal(journalFile);
        }
        return ended;
    }

    /**
     * The run's journal: the one its first session chose, or a new one (unique, as run ids repeat across databases).
     */
    private Path journalFile(long runId) {
        String known = outage.retry(() -> runs.journal(runId));
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
        return new ImportResult(RunOutcome.DRY_RUN, null, counts, null, preflight, samples, 0, null);
    }
}
