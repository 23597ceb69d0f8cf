package com.aliasimport.sandbox;

/**
 * A token bucket on integers: a token is {@link RateLimiter#ONE_SECOND_NANOS} units and {@code perSecond} units
 * drip in per nanosecond, so refills and waits are exact (no floating-point drift over a long run). Starts full.
 */
final class TokenBucket implements RateLimiter {

    private static final long TOKEN = ONE_SECOND_NANOS;

    private final long perSecond;
    private final long capacity;
    private long level;
    private long lastNanos;

    TokenBucket(int perSecond, int burst, long nowNanos) {
        this.perSecond = perSecond;
        this.capacity = burst * TOKEN;
        this.level = capacity;
        this.lastNanos = nowNanos;
    }

    @Override
    public long tryAcquire(long nowNanos) {
        refill(nowNanos);
        if (level >= TOKEN) {
            level -= TOKEN;
            return 0;
        }
        return ceilDiv(TOKEN - level, perSecond);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed <= 0) {
            return;
        }
        lastNanos = nowNanos;
        long missing = capacity - level;
        // Compared before multiplying, so an idle hour cannot overflow the product.
        if (elapsed > missing / perSecond) {
            level = capacity;
        } else {
            level += elapsed * perSecond;
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
