package com.aliasimport.sending;

/**
 * What a job sends for a row and what the answers mean: the only part of sending that differs between jobs.
 * Everything else (tokens, pacing, requests in flight, retries, fail-fast) is the {@link SendingPipeline}'s.
 *
 * @param <R> a row as the job sends it
 * @param <T> what the job keeps from a successful answer
 */
public interface Endpoint<R, T> {

    /** The request for {@code row}; called for every attempt. */
    ApiCall call(R row);

    /** What an answer means. */
    Verdict<T> classify(Reply reply);

    /** Names the endpoint in messages: "the Imports API at https://...". */
    String description();

    /** The setting that holds its URL, for messages about a wrong one: "CUSTOMERGAUGE_IMPORTS_URL". */
    String urlSetting();
}
