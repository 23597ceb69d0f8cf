package com.aliasimport.anonymize;

import com.aliasimport.csv.CsvFileException;
import com.aliasimport.csv.CsvPreflight;
import com.aliasimport.csv.CsvRow;
import com.aliasimport.csv.CsvRowCursor;
import com.aliasimport.csv.Preflight;
import com.aliasimport.exit.ExitCodes;
import com.aliasimport.exit.WithExitCode;
import com.aliasimport.job.FileRuns;
import com.aliasimport.job.RunOutcome;
import com.aliasimport.job.RunProgress;
import com.aliasimport.job.RunSessions;
import com.aliasimport.job.SendingJobs;
import com.aliasimport.outcome.RowOutcomeStore;
import com.aliasimport.outcome.RowProblem;
import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunCounts;
import com.aliasimport.run.RunLock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Runs an {@code anonymize-check}: finds the file's key columns and checks the file whole before anything is sent,
 * runs it as a {@link FileRuns file run} (done already, in progress elsewhere, resumed or new) that asks the
 * Anonymize API about each key, and writes the results file once every key has its outcome.
 */
@Service
public class AnonymizeCheckLauncher {

    private static final int SAMPLE_PROBLEMS = 10;

    private final FileRuns fileRuns;
    private final SendingJobs jobs;
    private final RunSessions sessions;
    private final AnonymizeCheckJob job;
    private final RowOutcomeStore outcomes;
    private final CheckResultStore results;
    private final ResultsFile resultsFile;

    AnonymizeCheckLauncher(
            FileRuns fileRuns,
            SendingJobs jobs,
            RunSessions sessions,
            AnonymizeCheckJob job,
            RowOutcomeStore outcomes,
            CheckResultStore results,
            ResultsFile resultsFile) {
        this.fileRuns = fileRuns;
        this.jobs = jobs;
        this.sessions = sessions;
        this.job = job;
        this.outcomes = outcomes;
        this.results = results;
        this.resultsFile = resultsFile;
    }

    /** The results file could not be written: the run's outcomes are safe in the database ({@code report}). */
    public static final class ResultsNotWritten extends RuntimeException implements WithExitCode {

        ResultsNotWritten(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public int exitCode() {
            return ExitCodes.RUN_FAILED;
        }
    }

    public CheckResult check(CheckRequest request) {
        String name = request.file().toString();
        Preflight preflight;
        try {
            preflight = new CsvPreflight(request.csv())
                    .run(request.file(), header -> KeyColumns.bind(name, header, request.columnMap()));
        } catch (CsvFileException e) {
            // A header without keys explains more than what the rows tripped over: say that instead.
            List<String> header = CsvPreflight.roughHeader(request.file(), request.csv());
            if (!header.isEmpty()) {
                KeyColumns.bind(name, header, request.columnMap());
            }
            throw e;
        }
        KeyColumns columns = KeyColumns.bind(name, preflight.header(), request.columnMap());
        Tally tally = tally(request, columns);
        if (request.dryRun()) {
            var counts = new RunCounts(
                    preflight.rowCount(), tally.valid(), 0, 0, tally.invalid(), tally.duplicate(), 0, 0, 0);
            return new CheckResult(
                    RunOutcome.DRY_RUN, null, tally.keys(), counts, null, null, null, preflight, tally.samples());
        }
        RunProgress progress = new RunProgress(tally.keys());
        FileRuns.Finished finished = fileRuns.run(
                ImportRun.Kind.CHECK,
                request.file(),
                preflight,
                request.target(),
                request.newRun(),
                progress,
                (runId, lock) -> session(runId, lock, request, columns, progress));
        ImportRun run = finished.run();
        Path written = null;
        if (finished.outcome() == RunOutcome.COMPLETED || finished.outcome() == RunOutcome.COMPLETED_WITH_FAILURES) {
            written =
                    request.results() != null ? request.results() : ResultsFile.defaultPath(run.id(), request.format());
            try {
                resultsFile.write(run.id(), request.format(), written);
            } catch (IOException e) {
                throw new ResultsNotWritten(
                        "run " + run.id() + " checked every key, but the results could not be"
                                + " written to " + written + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                                + "): write them with 'alias-import report --run " + run.id() + " --output FILE'",
                        e);
            }
        }
        return new CheckResult(
                finished.outcome(),
                run,
                tally.keys(),
                finished.counts(),
                results.found(run.id()),
                written,
                finished.message(),
                preflight,
                List.of());
    }

    private RunSessions.Ended session(
            long runId, RunLock.Held lock, CheckRequest request, KeyColumns columns, RunProgress progress) {
        var recorder = new CheckOutcomes(runId, job, outcomes, line -> fileRuns.rewindTo(runId, line));
        var target = new RunSessions.Target(request.target(), request.api(), request.send());
        return sessions.run(
                runId, job.jobName(), job, target, progress, lock, request.progressObserver(), recorder, sending -> {
                    var reader = fileRuns.reader(
                            runId,
                            request.file(),
                            request.csv(),
                            new KeyClassifier(columns),
                            request.limit(),
                            progress,
                            sending.pipeline()::oldestPending);
                    return jobs.job(
                            job.jobName(),
                            job.stepName(),
                            reader,
                            reader::finished,
                            sending,
                            request.send().chunkSize());
                });
    }

    /** The file's keys by what would become of them, counted before anything is sent (for progress and dry runs). */
    private record Tally(long keys, long valid, long invalid, long duplicate, List<String> samples) {}

    private static Tally tally(CheckRequest request, KeyColumns columns) {
        KeyClassifier classifier = new KeyClassifier(columns);
        long keys = 0;
        long valid = 0;
        long invalid = 0;
        long duplicate = 0;
        List<String> samples = new ArrayList<>();
        try (CsvRowCursor cursor = CsvRowCursor.open(request.file(), request.csv(), 0, row -> {})) {
            for (CsvRow row = cursor.next(); row != null; row = cursor.next()) {
                for (KeyCheck key : classifier.of(row)) {
                    keys++;
                    if (key.isValid()) {
                        valid++;
                        continue;
                    }
                    if (key.problem().kind() == RowProblem.Kind.DUPLICATE) {
                        duplicate++;
                    } else {
                        invalid++;
                    }
                    if (samples.size() < SAMPLE_PROBLEMS) {
                        // Named by line and key type only: the key itself is personal data.
                        samples.add("line " + key.fileLine() + ", "
                                + key.key().type().parameter() + ": "
                                + key.problem().kind() + ": " + key.problem().message());
                    }
                }
            }
        }
        return new Tally(keys, valid, invalid, duplicate, samples);
    }
}
