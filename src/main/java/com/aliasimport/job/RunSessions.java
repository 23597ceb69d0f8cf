package com.aliasimport.job;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

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
import org.springframework.stereotype.Component;

import com.aliasimport.api.RecordSender;
import com.aliasimport.api.SystemicFailureException;
import com.aliasimport.config.ApiSettings;
import com.aliasimport.config.SendSettings;
import com.aliasimport.run.RunLock;
import com.aliasimport.run.RunStore;

/**
 * Runs one session of a run's Spring Batch job, the part imports and retry-failed passes share: mark the run
 * started, recover an execution a dead process left running, set up the sender and its threads, start (or
 * restart) the job and tell how it ended.
 */
@Component
class RunSessions {

    private static final Logger log = LoggerFactory.getLogger(RunSessions.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final RunStore runs;

    RunSessions(JobOperator jobOperator, JobRepository jobRepository, RunStore runs) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.runs = runs;
    }

    /** What a job is assembled from: the sender and the machinery around it, for this session only. */
    record Sending(RecordSender sender, ExecutorService pool, FailFastGuard guard, RunProgress progress,
            StopSignal lockLost) {
    }

    /** How the session ended. */
    record Ended(BatchStatus status, String message, Duration time, int tokenRequests) {
    }

    Ended run(long runId, String jobName, ApiSettings api, SendSettings send, RunProgress progress,
            RunLock.Held lock, Consumer<RunProgress> observer, Function<Sending, Job> assemble) {
        runs.markStarted(runId);
        JobParameters parameters = new JobParametersBuilder().addLong("run.id", runId).toJobParameters();
        recoverDeadExecution(jobName, parameters);

        long started = System.nanoTime();
        RecordSender sender = new RecordSender(api, send);
        ExecutorService pool = Executors.newFixedThreadPool(send.concurrency(), senderThreads());
        String message = null;
        BatchStatus status;
        try {
            var sending = new Sending(sender, pool, new FailFastGuard(send.failFastAfter(), sender::stop), progress,
                    new StopSignal(lock::isLost, "another process took over this run (it thought this one had died)"));
            Job job = assemble.apply(sending);
            observer.accept(progress);
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
            sender.close();
            pool.shutdown();
        }
        return new Ended(status, message, Duration.ofNanos(System.nanoTime() - started), sender.tokens().requests());
    }

    /** The caller holds the run's lock, so an execution still marked running belongs to a dead process. */
    private void recoverDeadExecution(String jobName, JobParameters parameters) {
        JobExecution last = jobRepository.getLastJobExecution(jobName, parameters);
        if (last != null && last.getStatus().isRunning()) {
            log.info("recovering execution {} left running by a process that died", last.getId());
            jobOperator.recover(last);
        }
    }

    private static String failureMessage(JobExecution execution) {
        List<Throwable> failures = execution.getAllFailureExceptions();
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

    private static ThreadFactory senderThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
