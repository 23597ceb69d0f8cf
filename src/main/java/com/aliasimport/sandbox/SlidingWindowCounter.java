package com.aliasimport.sandbox;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The most arrivals seen in any sliding window (1 s for the sandbox's rate checks).
 *
 * <p>Keeps the arrival times still inside the window in a growable ring buffer of primitive longs:
 * each arrival drops the expired ones from the head and appends itself, so the buffer's size is the
 * count for the window ending now, and the maximum over all arrivals is the maximum over all windows
 * (a window's count can only grow at an arrival). O(1) amortised, no boxing; one lock is plenty at
 * the few thousand arrivals a second a loopback sandbox sees.
 */
final class SlidingWindowCounter {

    private final long windowNanos;
    private final LongSupplier nanoClock;
    private long[] times = new long[1024];
    private int head;
    private int size;
    private int max;
    private long maxReachedEpochMillis;

    SlidingWindowCounter(Duration window, LongSupplier nanoClock) {
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
    }

    synchronized void arrive() {
        long now = nanoClock.getAsLong();
        // An arrival exactly one window after another is not in the same window.
        while (size > 0 && now - times[head] >= windowNanos) {
            head = (head + 1) % times.length;
            size--;
        }
        if (size == times.length) {
            grow();
        }
        times[(head + size) % times.length] = now;
        size++;
        if (size > max) {
            max = size;
            maxReachedEpochMillis = System.currentTimeMillis();
        }
    }

    /** Wall-clock time (epoch ms) of the arrival that ended the busiest window, 0 before any. */
    synchronized long maxReachedEpochMillis() {
        return maxReachedEpochMillis;
    }

    synchronized int max() {
        return max;
    }

    synchronized void reset() {
        head = 0;
        size = 0;
        max = 0;
        maxReachedEpochMillis = 0;
    }

    private void grow() {
        long[] bigger = new long[times.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = times[(head + i) % times.length];
        }
        times = bigger;
        head = 0;
    }
}
