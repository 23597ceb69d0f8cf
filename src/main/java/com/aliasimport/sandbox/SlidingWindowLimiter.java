package com.aliasimport.sandbox;

/**
 * At most {@code perSecond} requests let through in any sliding one-second window: keeps the times of the last
 * {@code perSecond} requests let through in a ring, and lets a new one through only when the oldest of them is a
 * second old or more (so an arrival exactly one second after another is not in its window, as in
 * {@link SlidingWindowCounter}). Refused requests are not counted.
 */
final class SlidingWindowLimiter implements RateLimiter {

    private final long[] letThrough;
    private int next;
    private int size;

    SlidingWindowLimiter(int perSecond) {
        this.letThrough = new long[perSecond];
    }

    @Override
    public long tryAcquire(long nowNanos) {
        if (size == letThrough.length) {
            // Full: the slot to overwrite holds the oldest time.
            long age = nowNanos - letThrough[next];
            if (age < ONE_SECOND_NANOS) {
                return ONE_SECOND_NANOS - age;
            }
        } else {
            size++;
        }
        letThrough[next] = nowNanos;
        next = (next + 1) % letThrough.length;
        return 0;
    }
}
