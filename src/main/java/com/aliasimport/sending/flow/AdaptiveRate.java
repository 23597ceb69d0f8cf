package com.aliasimport.sending.flow;

import java.util.concurrent.TimeUnit;

/**
 * The pace requests go at, and the server's limit it learns from 429 answers. Pure logic: every method takes the
 * time, so it is tested with a made-up clock.
 * <p>
 * The pace starts at the configured rate (or just under a limit an earlier run learned) and never exceeds it.
 * A 429 means the server counted more than it allows: the pace drops to 90% of the rate the server let through in
 * the last second (what it really allows, whatever we sent), and that rate becomes the learned limit. Answers to
 * requests that were already on their way when the pace dropped say nothing new, so the pace drops at most once per
 * round of requests in flight, however many of them come back 429. The pace then climbs back to 95% of the limit
 * within a second and on from there by 1% of the limit every two seconds, so it settles just under the limit and
 * notices when the server allows more. (TCP's congestion control, and its "multiplicative decrease once per round
 * trip", is the model; the estimate of what the server let through is what makes one decrease enough.)
 */
final class AdaptiveRate {

    /** Paced just under the target, so that scheduling jitter never pushes a second above it. */
    static final double PACING = 0.99;

    static final double DECREASE = 0.90;
    static final double RECOVER_TO = 0.95;
    static final double PROBE_STEP = 0.01;
    static final long RECOVER_INTERVAL = TimeUnit.SECONDS.toNanos(1);
    static final long PROBE_INTERVAL = TimeUnit.SECONDS.toNanos(2);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final double configured;
    private final double floor;
    private final LetThrough letThrough = new LetThrough();
    private double pace;
    private double limit;
    private long lastChange;
    private long lastDecrease = Long.MIN_VALUE;
    private boolean decreasedThisRun;

    /**
     * @param configured requests per second at most (greater than 0)
     * @param learnedLimit the limit an earlier run learned for this target, or NaN
     * @param now the clock's reading now
     */
    AdaptiveRate(double configured, double learnedLimit, long now) {
        if (!(configured > 0)) {
            throw new IllegalArgumentException("configured rate must be positive, was " + configured);
        }
        this.configured = configured;
        this.floor = Math.max(0.2, configured / 200);
        this.limit = learnedLimit > 0 && learnedLimit < configured ? learnedLimit : Double.NaN;
        this.pace = Double.isNaN(limit) ? cap() : Math.min(cap(), RECOVER_TO * limit);
        this.lastChange = now;
    }

    /** Requests per second to pace at now (it may have climbed since the last call). */
    synchronized double pace(long now) {
        climb(now);
        return pace;
    }

    /** A request that started at {@code start} got an answer other than 429 at {@code now}. */
    synchronized void letThrough(long now) {
        letThrough.add(now);
    }

    /**
     * A request that started at {@code start} was answered 429 at {@code now}.
     *
     * @return whether the pace dropped (false: a request of a round already slowed down for)
     */
    synchronized boolean refused(long start, long now) {
        if (start < lastDecrease) {
            return false;
        }
        double allowed = letThrough.perSecond(now);
        if (!(allowed > 0)) {
            allowed = pace / 2; // nothing got through lately: no figure to go by
        }
        // It refused while we sent at the pace: it allows no more than that, whatever the estimate says.
        limit = Math.min(allowed, pace / PACING);
        pace = Math.max(floor, DECREASE * Math.min(pace, limit));
        lastDecrease = now;
        lastChange = now;
        decreasedThisRun = true;
        return true;
    }

    /** The limit learned from 429s (this run's, or an earlier run's until this run learns its own); NaN if none. */
    synchronized double limit() {
        return limit;
    }

    /** Whether a 429 slowed this run down. */
    synchronized boolean decreased() {
        return decreasedThisRun;
    }

    double configured() {
        return configured;
    }

    private double cap() {
        return configured * PACING;
    }

    private void climb(long now) {
        if (pace >= cap()) {
            return;
        }
        if (Double.isNaN(limit)) {
            if (now - lastChange >= RECOVER_INTERVAL) {
                pace = Math.min(cap(), pace * 1.5);
                lastChange = now;
            }
            return;
        }
        double recovered = RECOVER_TO * limit;
        if (pace < recovered) {
            if (now - lastChange >= RECOVER_INTERVAL) {
                pace = Math.min(cap(), recovered);
                lastChange = now;
            }
        } else if (now - lastChange >= PROBE_INTERVAL) {
            pace = Math.min(cap(), pace + PROBE_STEP * limit);
            lastChange = now;
        }
    }

    /**
     * Answers that got through in the last second: what the server allows, when we send more than that. Over a
     * shorter span at the start of a run (scaled to a second), when a second's worth of answers has not come yet.
     */
    private static final class LetThrough {
        private long[] times = new long[64];
        private int head;
        private int size;
        private long first = Long.MIN_VALUE;

        void add(long now) {
            if (first == Long.MIN_VALUE) {
                first = now;
            }
            drop(now);
            if (size == times.length) {
                long[] bigger = new long[times.length * 2];
                for (int i = 0; i < size; i++) {
                    bigger[i] = times[(head + i) % times.length];
                }
                times = bigger;
                head = 0;
            }
            times[(head + size) % times.length] = now;
            size++;
        }

        double perSecond(long now) {
            drop(now);
            if (size == 0) {
                return 0;
            }
            long span = Math.min(SECOND, Math.max(now - first, SECOND / 20));
            return size * (double) SECOND / span;
        }

        private void drop(long now) {
            while (size > 0 && now - times[head] > SECOND) {
                head = (head + 1) % times.length;
                size--;
            }
        }
    }
}
