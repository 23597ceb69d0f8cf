package com.aliasimport.sandbox;

/**
 * The state behind a {@link RateLimit}: decides, at the moment a request arrives, whether it is let through. Not
 * thread safe: {@link SandboxFaults} calls it under its lock, with times from its monotonic clock.
 */
interface RateLimiter {

    long ONE_SECOND_NANOS = 1_000_000_000L;

    /**
     * Lets a request arriving at {@code nowNanos} through (and counts it), or refuses it.
     *
     * @return 0 when let through; otherwise how long (ns, more than 0) until a request would be
     */
    long tryAcquire(long nowNanos);

    /** A fresh limiter (a full token bucket, an empty window) starting at {@code nowNanos}. */
    static RateLimiter of(RateLimit limit, long nowNanos) {
        return switch (limit.kind()) {
            case TOKEN_BUCKET -> new TokenBucket(limit.perSecond(), limit.burst(), nowNanos);
            case SLIDING_WINDOW -> new SlidingWindowLimiter(limit.perSecond());
        };
    }
}
