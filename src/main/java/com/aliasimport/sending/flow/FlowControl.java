package com.aliasimport.sending.flow;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The gate every request passes, retries included: a pause that a Retry-After asked for, the adaptive pace
 * ({@link AdaptiveRate}, spread evenly by a {@link Pacer}) and the hard limit of the configured rate per second by
 * arrival ({@link ArrivalWindow}). One thread acquires permits (the sending pipeline's dispatcher); any thread
 * reports what became of them.
 */
public final class FlowControl {

    private static final long SLICE = TimeUnit.MILLISECONDS.toNanos(50);

    /** Waits; a test's sleeper moves its clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final int configuredRate;
    private final AdaptiveRate rate;
    private final Pacer pacer = new Pacer();
    private final ArrivalWindow window;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private final Duration maxPause;
    private final LongAdder requests = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private volatile long pausedUntil;
    private volatile long pauseDecidedAt = Long.MIN_VALUE;
    private volatile boolean cancelled;

    /**
     * @param configuredRate requests per second at most; 0 for unthrottled
     * @param learnedLimit the limit an earlier run learned for this target, or NaN
     * @param maxPause the longest Retry-After honoured
     */
    public FlowControl(
            int configuredRate, double learnedLimit, Duration maxPause, LongSupplier clock, Sleeper sleeper) {
        this.configuredRate = configuredRate;
        this.clock = clock;
        this.sleeper = sleeper;
        this.maxPause = maxPause;
        long now = clock.getAsLong();
        this.pausedUntil = now;
        this.rate = configuredRate > 0 ? new AdaptiveRate(configuredRate, learnedLimit, now) : null;
        this.window = configuredRate > 0 ? new ArrivalWindow(configuredRate) : null;
    }

    public static FlowControl system(int configuredRate, double learnedLimit, Duration maxPause) {
        return new FlowControl(configuredRate, learnedLimit, maxPause, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    /** One request's way through the gate. */
    public final class Permit {
        private final long start;
        private boolean settled;

        private Permit(long start) {
            this.start = start;
        }

        /** The request has left this machine. */
        public void written() {
            settle(true);
        }

        /**
         * The request got an answer, or failed.
         *
         * @param status the HTTP status, or 0 for none
         * @param connected whether a connection was made (so the request may have reached the server)
         * @param retryAfter the server's Retry-After with a 429, or null
         */
        public void answered(int status, boolean connected, Duration retryAfter) {
            settle(connected);
            long now = clock.getAsLong();
            if (status == 429) {
                refused.increment();
                // Requests already on their way when we reacted say nothing new: once per round.
                boolean news = rate != null ? rate.refused(start, now) : start >= pauseDecidedAt;
                if (news && retryAfter != null && !retryAfter.isZero()) {
                    pause(now, retryAfter);
                }
            } else if (rate != null && status != 0) {
                rate.letThrough(now);
            }
        }

        private synchronized void settle(boolean arrived) {
            if (settled || window == null) {
                return;
            }
            settled = true;
            if (arrived) {
                window.arrived(clock.getAsLong());
            } else {
                window.neverArrived();
            }
        }
    }

    /** Waits until a request may go and lets it through. */
    public Permit acquire() throws InterruptedException {
        while (true) {
            if (cancelled) {
                throw new CancellationException("sending stopped");
            }
            long now = clock.getAsLong();
            long pause = pausedUntil - now;
            if (pause > 0) {
                nap(pause);
                continue;
            }
            if (rate == null) {
                requests.increment();
                return new Permit(now);
            }
            double pace = rate.pace(now);
            long slot = pacer.nextSlot(now, pace);
            if (slot > now) {
                nap(slot - now);
                continue;
            }
            long allowed = window.earliestStart(now);
            if (allowed > now) {
                nap(allowed - now);
                continue;
            }
            pacer.take(now, pace);
            window.started();
            requests.increment();
            return new Permit(now);
        }
    }

    /** Wakes a waiting {@link #acquire()}, which then throws CancellationException. */
    public void cancel() {
        cancelled = true;
    }

    /** What the flow control did so far, for the summary and the next run. */
    public FlowFigures figures() {
        if (rate == null) {
            return new FlowFigures(0, 0, Double.NaN, false, requests.sum(), refused.sum());
        }
        return new FlowFigures(
                configuredRate,
                rate.pace(clock.getAsLong()),
                rate.limit(),
                rate.decreased(),
                requests.sum(),
                refused.sum());
    }

    /** Whether requests go at a pace (a rate is set), rather than as fast as answers come. */
    public boolean paced() {
        return rate != null;
    }

    /** The pace now, in requests per second (0 when unthrottled). */
    public double pace() {
        return rate == null ? 0 : rate.pace(clock.getAsLong());
    }

    private synchronized void pause(long now, Duration retryAfter) {
        Duration pause = retryAfter.compareTo(maxPause) > 0 ? maxPause : retryAfter;
        pausedUntil = Math.max(pausedUntil, now + pause.toNanos());
        pauseDecidedAt = now;
    }

    private void nap(long nanos) throws InterruptedException {
        sleeper.sleep(Math.min(nanos, SLICE));
    }
}
