package com.aliasimport.sandbox;

import java.time.Duration;

/**
 * What {@link SandboxFaults} decided to do to one records (or anonymize) request instead of (or around) answering it
 * normally.
 */
sealed interface RecordFault {

    /** No fault: answer normally. */
    RecordFault NONE = new None();

    record None() implements RecordFault {}

    /** Answer {@code status} with a small JSON body; the record is not stored. */
    record Fail(int status) implements RecordFault {}

    /** Answer 429 with a Retry-After header. */
    record Throttle(Duration retryAfter) implements RecordFault {}

    /**
     * Refused by the rate limit when it arrived: answer 429, with a Retry-After header as {@code retryAfter} says.
     *
     * @param retryIn how long from the refusal until a request would be let through
     */
    record RateLimited(Duration retryIn, RateLimit.RetryAfter retryAfter) implements RecordFault {}

    /** Answer 401 although the token is valid (revoked token, 401 storm). */
    record Unauthorized() implements RecordFault {}

    /** Close the connection without any response, optionally after taking the record. */
    record Reset(boolean afterAccepting) implements RecordFault {}

    /** Take the record, then wait {@code delay} before answering (client read timeouts). */
    record Slow(Duration delay) implements RecordFault {}
}
