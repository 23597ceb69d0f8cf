package com.aliasimport.api;

import java.util.concurrent.TimeUnit;

/**
 * At most {@code limit} requests start in any one second, however they bunch: it keeps the start times of the last
 * {@code limit} requests in a ring and holds a request back until the oldest of them is a second old.
 * <p>
 * The even pacing in front of it keeps requests apart in the normal course; this catches what pacing cannot: a
 * garbage-collection pause or a stalled thread that releases several paced requests at once.
 */
final class SlidingSecond {

    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long[] starts;
    private int oldest;
    private int count;

    SlidingSecond(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.starts = new long[limit];
    }

    /** Blocks until a request may start without making any one-second window hold more than the limit. */
    synchronized void acquire() throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            if (count < starts.length) {
                starts[(oldest + count) % starts.length] = now;
                count++;
                return;
            }
            long wait = starts[oldest] + WINDOW_NANOS - now;
            if (wait <= 0) {
                starts[oldest] = now;
                oldest = (oldest + 1) % starts.length;
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, wait);
        }
    }
}
