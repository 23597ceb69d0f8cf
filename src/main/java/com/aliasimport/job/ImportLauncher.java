package com.aliasimport.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

import com.aliasimport.api.RecordSender;
import com.aliasimport.api.SystemicFailureException;
import com.aliasimport.config.AliasImportProperties;
import com.aliasimport.csv.CsvPreflight;
import com.aliasimport.csv.CsvRow;
import com.aliasimport.csv.CsvRowCursor;
import com.aliasimport.csv.CsvSettings;
import com.aliasimport.csv.Preflight;
import com.aliasimport.mapping.ClassifiedRow;
import com.aliasimport.mapping.ColumnBinding;
import com.aliasimport.mapping.HeaderCheck;
import com.aliasimport.mapping.InboundMapping;
import com.aliasimport.mapping.RowClassifier;
import com.aliasimport.mapping.RowProblem;
import com.aliasimport.report.RowOutcomeStore;
import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunCounts;
import com.aliasimport.run.RunLock;
import com.aliasimport.run.RunStatus;
import com.aliasimport.run.RunStore;

/**
 * Runs an {@code import}: checks the file whole before anything is sent, finds out whether its content was
 * imported before (nothing to do), is being imported by another process (exit 4), or died half way (resume),
 * then runs the Spring Batch job and records how it ended.
 */
@Service
public class ImportLauncher {

    private static final Logger log = LoggerFactory.getLogger(ImportLauncher.class);
    private static final int SAMPLE_PROBLEMS = 10;

    private final AliasImportProperties properties;
    private final ImportJobFactory jobs;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final RunStore runs;
    private final RowOutcomeStore outcomes;
    private final RunLock runLock;

    public ImportLauncher(AliasImportProperties properties, ImportJobFactory jobs, JobOperator jobOperator,
            JobRepository jobRepository, RunStore runs, RowOutcomeStore outcomes, RunLock runLock) {
        this.properties = properties;
        this.jobs = jobs;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.runs = runs;
        this.outcomes = outcomes;
        this.runLock = runLock;
    }

    public ImportResult importFile(ImportRequest request) {
        CsvSettings csv = csvSettings();
        InboundMapping mapping = InboundMapping.from(properties.mapping(), request.columnMap(),
                request.ignoreColumns());
        Preflight preflight = new CsvPreflight(csv).run(request.file());
        ColumnBinding binding = new HeaderCheck(mapping).bind(displayName(request.file()), preflight.header());
        if (request.dryRun()) {
            return dryRun(request.file(), csv, mapping, binding, preflight);
        }
        try (RunLock.Held lock = runLock.acquire(lockKey(preflight.sha256Hex(), request.target()),
                displayName(request.file()))) {
            Optional<ImportRun> latest = runs.latestImportOf(preflight.sha256Hex(), request.target());
            if (latest.isPresent() && latest.get().status().isFinished() && !request.newRun()) {
                return new ImportResult(ImportResult.Outcome.ALREADY_IMPORTED, latest.get(), latest.get().counts(),
                        null, preflight, List.of(), 0);
            }
            long runId = latest.isPresent() && !latest.get().status().isFinished() && !request.newRun()
                    ? latest.get().id()
                    : runs.create(ImportRun.Kind.IMPORT, request.file().getFileName().toString(),
                            request.file().toAbsolutePath().toString(), preflight.sha256Hex(), request.target(),
                            preflight.rowCount(), null);
            lock.attach(runId);
            return run(runId, request, csv, mapping, binding, preflight, lock);
        }
    }

    private ImportResult run(long runId, ImportRequest request, CsvSettings csv, InboundMapping mapping,
            ColumnBinding binding, Preflight preflight, RunLock.Held lock) {
        runs.markStarted(runId);
        JobParameters parameters = new JobParametersBuilder().addLong("run.id", runId).toJobParameters();
        recoverDeadExecution(parameters);

        long started = System.nanoTime();
        RunProgress progress = new RunProgress(preflight.rowCount());
        RecordSender sender = new RecordSender(request.api(), request.send());
        ExecutorService pool = Executors.newFixedThreadPool(request.send().concurrency(), namedThreads());
        String message = null;
        BatchStatus status;
        try {
            RowClassifier classifier = new RowClassifier(binding, mapping);
            long rewindLine = runs.rewindLine(runId);
            ImportRowReader reader = jobs.reader(request.file(), csv, classifier, request.limit(), progress,
                    rewindLine > 0 ? new ImportRowReader.Rewind(rewindLine, () -> runs.clearRewind(runId))
                            : ImportRowReader.Rewind.NONE);
            FailFastGuard guard = new FailFastGuard(request.send().failFastAfter(), sender::stop);
            StopSignal lockLost = new StopSignal(lock::isLost,
                    "another process took over this run (it thought this one had died)");
            var recorder = new ImportOutcomes(runId, outcomes, line -> runs.rewindTo(runId, line));
            SendingWriter writer = new SendingWriter(sender, recorder, pool, guard, progress, lockLost,
                    outcomes.highestLineWithOutcome(runId));
            Job job = jobs.importJob(reader, writer, request.send().chunkSize());
            request.progressObserver().accept(progress);
            JobExecution execution = jobOperator.start(job, parameters);
            status = execution.getStatus();
            if (status != BatchStatus.COMPLETED && status != BatchStatus.STOPPED) {
                message = failureMessage(execution);
            }
        } catch (JobInstanceAlreadyCompleteException e) {
            // The job finished but the process died before recording it in import_run.
            status = BatchStatus.COMPLETED;
        } catch (Exception e) {
            log.error("run {} could not be started", runId, e);
            status = BatchStatus.FAILED;
            message = "the run could not be started: " + e.getMessage();
        } finally {
            sender.stop();
            pool.shutdown();
        }
        long read = status == BatchStatus.COMPLETED ? preflight.rowCount() : progress.position();
        RunCounts counts = outcomes.counts(runId, read);
        RunStatus runStatus = switch (status) {
            case COMPLETED -> counts.failed() > 0 ? RunStatus.COMPLETED_WITH_FAILURES : RunStatus.COMPLETED;
            case STOPPED -> RunStatus.PAUSED;
            default -> RunStatus.FAILED;
        };
        runs.finish(runId, runStatus, message, counts, Duration.ofNanos(System.nanoTime() - started));
        ImportRun run = runs.find(runId).orElseThrow();
        ImportResult.Outcome outcome = switch (runStatus) {
            case COMPLETED -> ImportResult.Outcome.COMPLETED;
            case COMPLETED_WITH_FAILURES -> ImportResult.Outcome.COMPLETED_WITH_FAILURES;
            case PAUSED -> ImportResult.Outcome.PAUSED;
            default -> ImportResult.Outcome.FAILED;
        };
        return new ImportResult(outcome, run, counts, message, preflight, List.of(), sender.tokens().requests());
    }

    /** The lock is ours, so an execution still marked running belongs to a process that died: mark it failed. */
    private void recoverDeadExecution(JobParameters parameters) {
        JobExecution last = jobRepository.getLastJobExecution(ImportJobFactory.IMPORT_JOB, parameters);
        if (last != null && last.getStatus().isRunning()) {
            log.info("recovering execution {} left running by a process that died", last.getId());
            jobOperator.recover(last);
        }
    }

    private static String failureMessage(JobExecution execution) {
        List<Throwable> failures = new ArrayList<>(execution.getAllFailureExceptions());
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof SystemicFailureException) {
                    return t.getMessage();
                }
            }
        }
        if (failures.isEmpty()) {
            return "the run ended " + execution.getStatus();
        }
        Throwable root = failures.get(0);
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "unexpected error: " + root;
    }

    private ImportResult dryRun(Path file, CsvSettings csv, InboundMapping mapping, ColumnBinding binding,
            Preflight preflight) {
        RowClassifier classifier = new RowClassifier(binding, mapping);
        long valid = 0;
        long invalid = 0;
        long duplicate = 0;
        List<String> samples = new ArrayList<>();
        try (CsvRowCursor cursor = CsvRowCursor.open(file, csv, 0, row -> { })) {
            for (CsvRow row = cursor.next(); row != null; row = cursor.next()) {
                ClassifiedRow c = classifier.classify(row.line(), row.values());
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
                    samples.add("line " + c.line() + ": " + c.problem().kind() + ": " + c.problem().message());
                }
            }
        }
        var counts = new RunCounts(preflight.rowCount(), valid, 0, 0, invalid, duplicate, 0, 0, 0);
        return new ImportResult(ImportResult.Outcome.DRY_RUN, null, counts, null, preflight, samples, 0);
    }

    private CsvSettings csvSettings() {
        return new CsvSettings(properties.csv().delimiterChar(), properties.csv().charset());
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

    private static java.util.concurrent.ThreadFactory namedThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
