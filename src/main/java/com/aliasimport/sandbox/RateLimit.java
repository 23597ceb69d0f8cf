package com.aliasimport.sandbox;

import java.util.Objects;

/**
 * A server-side rate limit on the records endpoint, as an API gateway in front of the real API would apply it:
 * requests are counted when they arrive, and a refused one answers 429 without reaching the API behind.
 *
 * @param kind       how requests are counted
 * @param perSecond  requests let through per second, sustained
 * @param burst      the most let through at once after a quiet spell: the token bucket's capacity; for a sliding
 *                   window it is {@code perSecond} (all of a second's requests may come at once)
 * @param retryAfter what a refusal says about when to come back
 */
public record RateLimit(Kind kind, int perSecond, int burst, RetryAfter retryAfter) {

    /** Enough for a sliding window's ring of arrival times to stay a few MB. */
    static final int MAX_PER_SECOND = 1_000_000;

    public enum Kind {
        /** Refills {@code perSecond} tokens a second continuously, holds at most {@code burst}; a request takes one. */
        TOKEN_BUCKET,
        /** At most {@code perSecond} requests let through in any sliding one-second window. */
        SLIDING_WINDOW
    }

    /** The Retry-After header of a refusal. */
    public enum RetryAfter {
        /** No header: the client must guess. */
        NONE,
        /** Whole seconds until a request would be let through, rounded up, at least 1 (as Laravel's throttle says). */
        SECONDS,
        /** The same moment as an HTTP date (IMF-fixdate, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}). */
        HTTP_DATE
    }

    public RateLimit {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (perSecond < 1 || perSecond > MAX_PER_SECOND) {
            throw new IllegalArgumentException("perSecond must be 1.." + MAX_PER_SECOND + ", was " + perSecond);
        }
        if (kind == Kind.TOKEN_BUCKET && (burst < 1 || burst > MAX_PER_SECOND)) {
            throw new IllegalArgumentException("burst must be 1.." + MAX_PER_SECOND + ", was " + burst);
        }
        if (kind == Kind.SLIDING_WINDOW && burst != perSecond) {
            throw new IllegalArgumentException(
                    "a sliding window's burst is its perSecond (" + perSecond + "), was " + burst);
        }
    }

    /** A token bucket with a small burst, {@link #defaultBurst}; Retry-After in seconds. */
    public static RateLimit tokenBucket(int perSecond) {
        return tokenBucket(perSecond, defaultBurst(perSecond));
    }

    /** A token bucket; Retry-After in seconds. */
    public static RateLimit tokenBucket(int perSecond, int burst) {
        return new RateLimit(Kind.TOKEN_BUCKET, perSecond, burst, RetryAfter.SECONDS);
    }

    /** A strict sliding one-second window; Retry-After in seconds. */
    public static RateLimit slidingWindow(int perSecond) {
        return new RateLimit(Kind.SLIDING_WINDOW, perSecond, perSecond, RetryAfter.SECONDS);
    }

    public RateLimit withRetryAfter(RetryAfter retryAfter) {
        return new RateLimit(kind, perSecond, burst, retryAfter);
    }

    /** A tenth of a second's worth, at least 1: a gateway's usual small allowance for bunched requests. */
    public static int defaultBurst(int perSecond) {
        return Math.max(1, perSecond / 10);
    }

    /** One line for people, e.g. "50 requests/s, token bucket (burst 5), Retry-After: seconds". */
    public String describe() {
        String counting =
                kind == Kind.TOKEN_BUCKET ? "token bucket (burst " + burst + ")" : "sliding one-second window";
        String header = switch (retryAfter) {
            case NONE -> "no Retry-After";
            case SECONDS -> "Retry-After: seconds";
            case HTTP_DATE -> "Retry-After: HTTP date";
        };
        return perSecond + " requests/s, " + counting + ", " + header;
    }
}
