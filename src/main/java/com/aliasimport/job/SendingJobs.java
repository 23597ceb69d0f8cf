package com.aliasimport.job;

import io.micrometer.observation.ObservationRegistry;
import java.util.function.BooleanSupplier;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.support.ClassifierCompositeItemWriter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds the Spring Batch job every sending command runs: a single chunk-oriented step that reads items (a file's
 * rows or keys, or a run's failed rows), stores the ones that failed a check ({@link ProblemRowWriter}) and hands
 * the others to the sending pipeline ({@link SendWriter}), with the pipeline's part in each checkpoint
 * ({@link PipelineCheckpoint}). Built per run because each run has its own reader, pipeline and limits; job names
 * are fixed per command so that Spring Batch finds a run's earlier executions (the run id is the identifying
 * parameter) and restarts from the checkpoint.
 */
@Component
public class SendingJobs {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final ObservationRegistry observations;

    SendingJobs(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            ObservationRegistry observations) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.observations = observations;
    }

    /**
     * @param stepName kept as it was when runs of this job were first recorded: a resumed run finds its checkpoint
     *     by it
     * @param inputFinished true once the reader has handed out its last item: the checkpoint then waits for every
     *     row in flight
     */
    public <R, I extends SendItem<R>> Job job(
            String jobName,
            String stepName,
            ItemStreamReader<I> reader,
            BooleanSupplier inputFinished,
            RunSessions.Sending<R, ?> sending,
            int chunkSize) {
        var checkpoint = new PipelineCheckpoint(sending.pipeline(), sending.outcomes(), inputFinished);
        ChunkOrientedStepBuilder<I, I> step = new StepBuilder(stepName, jobRepository)
                        .<I, I>chunk(chunkSize)
                        .transactionManager(transactionManager)
                        .reader(reader)
                        .writer(writer(sending, checkpoint))
                        .stream(checkpoint);
        if (reader instanceof StepExecutionListener listener) {
            step.listener(listener);
        }
        return new JobBuilder(jobName, jobRepository)
                .observationRegistry(observations)
                .start(step.build())
                .build();
    }

    /** Valid items to the pipeline, the others to the failed-row table: Spring Batch's classifier idiom. */
    private static <R, I extends SendItem<R>> ItemWriter<I> writer(
            RunSessions.Sending<R, ?> sending, PipelineCheckpoint checkpoint) {
        ItemWriter<I> send = new SendWriter<>(sending.pipeline(), checkpoint);
        ItemWriter<I> problems = new ProblemRowWriter<>(sending.outcomes(), sending.progress());
        var writer = new ClassifierCompositeItemWriter<I>();
        writer.setClassifier(item -> item.isValid() ? send : problems);
        return writer;
    }
}
