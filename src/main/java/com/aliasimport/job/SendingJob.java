package com.aliasimport.job;

import com.aliasimport.config.ApiSettings;
import com.aliasimport.outcome.FailedRow;
import com.aliasimport.run.ImportRun;
import com.aliasimport.sending.Endpoint;
import java.util.Map;

/**
 * What one kind of run sends and keeps: the part of a job the shared machinery (sessions, checkpoints, outcomes,
 * retry-failed) cannot know. An import sends records to the Imports API; an anonymize check asks the Anonymize API
 * about keys and keeps the records it finds.
 *
 * @param <R> a row as the job sends it
 * @param <T> what the job keeps from a successful answer
 */
public interface SendingJob<R, T> {

    /** The kind of run it records. */
    ImportRun.Kind kind();

    /** Spring Batch's names for the job and its step, fixed so that a resumed run finds its checkpoint. */
    String jobName();

    String stepName();

    Endpoint<R, T> endpoint(ApiSettings api);

    /** What a failed row stores of a row. */
    Map<String, String> values(R row);

    /** A failed row, as retry-failed sends it again. */
    SendItem<R> resend(FailedRow row);

    /**
     * Keeps what a successful answer for the row at {@code line} returned (nothing, for an import).
     *
     * @param values what a failed row stores of the row ({@link #values})
     */
    void keep(long runId, long line, Map<String, String> values, T result);

    /**
     * Whether the API may answer a request twice without harm (a GET): a row whose answer was lost is then
     * EXHAUSTED and may be sent again freely, not UNKNOWN.
     */
    boolean safeToRepeat();
}
