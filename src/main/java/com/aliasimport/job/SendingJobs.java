package com.aliasimport.job;

import com.aliasimport.mapping.ClassifiedRow;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.support.ClassifierCompositeItemWriter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds the Spring Batch jobs: a single chunk-oriented step that reads rows (from the file for an import, from the
 * failed-row table for retry-failed), stores the rows that failed a check ({@link ProblemRowWriter}) and hands the
 * others to the sending pipeline ({@link SendWriter}), with the pipeline's part in each checkpoint
 * ({@link PipelineCheckpoint}). Built per run because each run has its own file, pipeline and limits; the job names
 * are fixed so that Spring Batch finds a run's earlier executions (the run id is the identifying parameter) and
 * restarts from the checkpoint.
 */
@Component
class SendingJobs {

    static final String IMPORT_JOB = "importJob";
    static final String RETRY_JOB = "retryFailedJob";

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;

    SendingJobs(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
    }

    Job importJob(ImportRowReader reader, RunSessions.Sending sending, int chunkSize) {
        var checkpoint = new PipelineCheckpoint(sending.pipeline(), sending.outcomes(), reader::finished);
        Step step = new StepBuilder("sendRows", jobRepository)
                        .<ClassifiedRow, ClassifiedRow>chunk(chunkSize)
                        .transactionManager(transactionManager)
                        .reader(reader)
                        .writer(writer(sending, checkpoint))
                        .stream(checkpoint)
                        .listener(reader)
                        .build();
        return new JobBuilder(IMPORT_JOB, jobRepository).start(step).build();
    }

    Job retryJob(FailedRowReader reader, RunSessions.Sending sending, int chunkSize) {
        var checkpoint = new PipelineCheckpoint(sending.pipeline(), sending.outcomes(), reader::finished);
        Step step = new StepBuilder("resendRows", jobRepository)
                        .<ClassifiedRow, ClassifiedRow>chunk(chunkSize)
                        .transactionManager(transactionManager)
                        .reader(reader)
                        .writer(writer(sending, checkpoint))
                        .stream(checkpoint)
                        .build();
        return new JobBuilder(RETRY_JOB, jobRepository).start(step).build();
    }

    /** Valid rows to the pipeline, the others to the failed-row table: Spring Batch's classifier idiom. */
    private static ItemWriter<ClassifiedRow> writer(RunSessions.Sending sending, PipelineCheckpoint checkpoint) {
        ItemWriter<ClassifiedRow> send = new SendWriter(sending.pipeline(), checkpoint);
        ItemWriter<ClassifiedRow> problems = new ProblemRowWriter(sending.outcomes(), sending.progress());
        var writer = new ClassifierCompositeItemWriter<ClassifiedRow>();
        writer.setClassifier(row -> row.isValid() ? send : problems);
        return writer;
    }
}
