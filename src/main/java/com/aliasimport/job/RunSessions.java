package com.aliasimport.job;

import com.aliasimport.config.ApiSettings;
import com.aliasimport.config.SendSettings;
import com.aliasimport.database.ConnectionFailures;
import com.aliasimport.database.DatabaseOutage;
import com.aliasimport.run.LearnedLimits;
import com.aliasimport.run.RunLock;
import com.aliasimport.run.RunStore;
import com.aliasimport.sending.AccessTokens;
import com.aliasimport.sending.CertificateProblemException;
import com.aliasimport.sending.HttpTransport;
import com.aliasimport.sending.RetrySchedule;
import com.aliasimport.sending.SendingPipeline;
import com.aliasimport.sending.SystemicFailureException;
import com.aliasimport.sending.flow.FlowControl;
import com.aliasimport.sending.flow.FlowFigures;
import com.aliasimport.sending.flow.InFlightLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * Runs one session of a run's Spring Batch job, the part imports and retry-failed passes share: mark the run
 * started, recover an execution a dead process left running, set up the sending pipeline (starting from the rate
 * limit an earlier run learned for the target), start (or restart) the job, keep what flow control learned and tell
 * how it ended.
 */
@Component
public class RunSessions {

    private static final Logger log = LoggerFactory.getLogger(RunSessions.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final RunStore runs;
    private final LearnedLimits limits;
    private final DatabaseOutage outage;
    private final SessionStops stops;

    RunSessions(
            JobOperator jobOperator,
            JobRepository jobRepository,
            RunStore runs,
            LearnedLimits limits,
            DatabaseOutage outage,
            SessionStops stops) {
        this.outage = outage;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.runs = runs;
        this.limits = limits;
        this.stops = stops;
    }

    /** What a session's step writes to: the pipeline that sends its rows and the recorder of their outcomes. */
    public record Sending<R, T>(SendingPipeline<R, T> pipeline, OutcomeRecorder<T> outcomes, RunProgress progress) {}

    /**
     * How the session ended.
     *
     * @param databaseLost it failed because the database went away (the caller may wait for it and run another
     *     session, as the same command would)
     * @param certificateProblem it stopped because a server's certificate was not accepted: a configuration error
     * @param answersByStatus the requests of the session by the HTTP status that answered them ("none": no answer)
     */
    public record Ended(
            BatchStatus status,
            String message,
            Duration time,
            int tokenRequests,
            FlowFigures flow,
            int mostInFlight,
            boolean databaseLost,
            boolean certificateProblem,
            Map<String, Long> answersByStatus) {}

    /** Where and how a session sends. */
    public record Target(String name, ApiSettings api, SendSettings send) {}

    /**
     * @param jobName Spring Batch's name for the job: a job type's own, or retry-failed's
     * @param assemble builds the job around the session's pipeline and recorder
     */
    public <R, T> Ended run(
            long runId,
            String jobName,
            SendingJob<R, T> type,
            Target target,
            RunProgress progress,
            RunLock.Held lock,
            Consumer<RunProgress> observer,
            OutcomeRecorder<T> outcomes,
            Function<Sending<R, T>, Job> assemble) {
        long started = System.nanoTime();
        outage.retry(() -> runs.markStarted(runId));
        JobParameters parameters =
                new JobParametersBuilder().addLong("run.id", runId).toJobParameters();
        outage.retry(() -> recoverDeadExecution(jobName, parameters));

        SendSettings send = target.send();
        ApiSettings api = target.api();
        double learned = limits.find(target.name()).orElse(Double.NaN);
        FlowControl flow = FlowControl.system(send.rate(), learned, send.maxRetryAfter());
        if (flow.figures().heldByServer()) {
            log.info(
                    "run {}: starting from the limit of {} requests/s an earlier run learned for {}",
                    runId,
                    String.format("%.1f", learned),
                    target.name());
        }
        var pipeline = new SendingPipeline<>(
                type.endpoint(api),
                new AccessTokens(
                        api.network(),
                        api.endpoints().tokenUrl(),
                        api.clientId(),
                        api.clientSecret(),
                        api.connectTimeout(),
                        api.readTimeout(),
                        Clock.systemUTC()),
                new HttpTransport(api.network(), api.connectTimeout(), api.readTimeout(), send.concurrency()),
                flow,
                InFlightLimit.of(send.rate() > 0 ? flow::pace : null, send.concurrency(), System::nanoTime),
                new RetrySchedule(send.maxAttempts(), send.initialBackoff(), send.maxBackoff(), send.maxRetryAfter()),
                send.failFastAfter(),
                send.concurrency(),
                new RowOutcomes<>(outcomes, progress, type::values, type.safeToRepeat()));
        String message = null;
        boolean certificateProblem = false;
        BatchStatus status;
        boolean databaseLost = false;
        try (SessionStops.Registration stoppable = stops.register(pipeline::stop)) {
            lock.whenLost(() -> pipeline.stop("another process took over this run (it thought this one had died)"));
            Job job = assemble.apply(new Sending<>(pipeline, outcomes, progress));
            observer.accept(progress);
            JobExecution execution = jobOperator.start(job, parameters);
            status = execution.getStatus();
            if (status != BatchStatus.COMPLETED && status != BatchStatus.STOPPED) {
                message = failureMessage(execution);
                certificateProblem = pipeline.stopFailure() instanceof CertificateProblemException;
                databaseLost = outage.failedSince(started)
                        || execution.getAllFailureExceptions().stream()
                                .anyMatch(ConnectionFailures::isConnectionFailure);
            }
        } catch (JobInstanceAlreadyCompleteException e) {
            // The job finished but the process died before recording it in import_run.
            status = BatchStatus.COMPLETED;
        } catch (Exception e) {
            log.error("run {} could not be started", runId, e);
            status = BatchStatus.FAILED;
            message = "the run could not be started: " + e.getMessage();
            databaseLost = ConnectionFailures.isConnectionFailure(e) || outage.failedSince(started);
        } finally {
            if (databaseLost) {
                finishInFlight(pipeline);
            }
            pipeline.close();
        }
        FlowFigures figures = pipeline.flowFigures();
        limits.remember(target.name(), figures, runId);
        return new Ended(
                status,
                message,
                Duration.ofNanos(System.nanoTime() - started),
                pipeline.tokenRequests(),
                figures,
                pipeline.mostInFlight(),
                databaseLost,
                certificateProblem,
                pipeline.answersByStatus());
    }

    /**
     * The caller holds the run's lock, so an execution still marked running belongs to a dead process (or to an
     * earlier session of this one that lost the database), and one left {@code UNKNOWN} (the database went away
     * while Spring Batch recorded how a chunk ended) can be restarted safely: every row's outcome is stored on its
     * own, the reader's checkpoint never passes a row without one, and rows with an outcome are not sent again.
     */
    private void recoverDeadExecution(String jobName, JobParameters parameters) {
        JobExecution last = jobRepository.getLastJobExecution(jobName, parameters);
        if (last == null) {
            return;
        }
        if (last.getStatus().isRunning()) {
            log.info("recovering execution {} left running by a process that died", last.getId());
            jobOperator.recover(last);
        } else if (last.getStatus() == BatchStatus.UNKNOWN) {
            // JobOperator.recover leaves UNKNOWN alone, and Spring Batch refuses to restart from it.
            log.info("recovering execution {} left UNKNOWN when the database went away", last.getId());
            markFailed(last);
        }
    }

    private void markFailed(JobExecution execution) {
        LocalDateTime now = LocalDateTime.now();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription("recovered: the database went away"));
                if (step.getEndTime() == null) {
                    step.setEndTime(now);
                }
                jobRepository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(ExitStatus.FAILED.addExitDescription("recovered: the database went away"));
        if (execution.getEndTime() == null) {
            execution.setEndTime(now);
        }
        jobRepository.update(execution);
    }

    /** Lets rows in flight get (journaled) outcomes, so that the next session does not send them again. */
    private static void finishInFlight(SendingPipeline<?, ?> pipeline) {
        try {
            pipeline.drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("rows in flight when the database went away could not all finish: {}", e.toString());
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
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failures.get(0));
        return "unexpected error: " + root;
    }
}
