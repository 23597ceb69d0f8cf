/**
 * Sending rows to a CustomerGauge API, whatever the job: the {@link com.aliasimport.sending.SendingPipeline}
 * (tokens, pacing, requests in flight, set-aside retries, fail-fast) and the types a job plugs into it: its
 * {@link com.aliasimport.sending.Endpoint} (what to send for a row, what an answer means as a
 * {@link com.aliasimport.sending.Verdict}) and where each row's {@link com.aliasimport.sending.SendOutcome} goes.
 * Flow control proper (how fast, how many at once) is in {@code sending.flow}.
 */
package com.aliasimport.sending;
