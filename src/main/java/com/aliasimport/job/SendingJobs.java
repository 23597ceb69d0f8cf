package com.aliasimport.job;

import java.nio.file.Path;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import com.aliasimport.csv.CsvSettings;
import com.aliasimport.mapping.ClassifiedRow;
import com.aliasimport.mapping.RowClassifier;

/**
 * Builds the Spring Batch jobs: a single chunk-oriented step that reads rows (from the file for an import, from
 * the failed-row table for retry-failed) and hands each chunk to the {@link SendingWriter}. Built per run because
 * each run has its own file, sender and limits; the job names are fixed so that Spring Batch finds a run's
 * earlier executions (the run id is the identifying parameter) and restarts from the checkpoint.
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

    ImportRowReader reader(Path file, CsvSettings csv, RowClassifier classifier, long limit, RunProgress progress,
            Rewind rewind) {
        return new ImportRowReader(file, csv, classifier, limit, progress, rewind);
    }

    Job importJob(ImportRowReader reader, SendingWriter writer, int chunkSize) {
        Step step = new StepBuilder("sendRows", jobRepository)
                .<ClassifiedRow, ClassifiedRow>chunk(chunkSize)
                .transactionManager(transactionManager)
                .reader(reader)
                .writer(writer)
                .listener(reader)
                .build();
        return new JobBuilder(IMPORT_JOB, jobRepository).start(step).build();
    }

    Job retryJob(FailedRowReader reader, SendingWriter writer, int chunkSize) {
        Step step = new StepBuilder("resendRows", jobRepository)
                .<ClassifiedRow, ClassifiedRow>chunk(chunkSize)
                .transactionManager(transactionManager)
                .reader(reader)
                .writer(writer)
                .build();
        return new JobBuilder(RETRY_JOB, jobRepository).start(step).build();
    }
}
