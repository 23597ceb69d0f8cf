package com.aliasimport.sending.flow;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * How many requests may be in flight at once, sized to the work (Netflix's concurrency-limits library does the
 * counting; the sizing algorithm is a {@link Limit}):
 * <ul>
 * <li>with a rate, {@link LittlesLawLimit}: what the pace needs at the measured latency;</li>
 * <li>unthrottled, the library's Gradient2 limit: more while answers come as fast as before, fewer when they slow
 *     down, which is a server queueing them.</li>
 * </ul>
 * Both stay under {@code max} (--concurrency), which is also the number of sending threads. A place is held from
 * the moment a request is let through until its outcome is recorded. A request that hangs far longer than requests
 * usually take (until the read timeout) stops counting against the sized limit, so a few hung connections cost
 * their own threads but not the run's throughput; it still holds one of the {@code max}.
 */
public final class InFlightLimit {

    private static final long OVERDUE_AT_LEAST = TimeUnit.SECONDS.toNanos(2);
    private static final int OVERDUE_FACTOR = 4;

    private final SimpleLimiter<Void> limiter;
    private final Semaphore threads;
    private final Latency latency;
    private final LongSupplier clock;
    private final Set<Slot> active = ConcurrentHashMap.newKeySet();

    private InFlightLimit(Limit limit, Latency latency, int max, LongSupplier clock) {
        this.latency = latency;
        this.clock = clock;
        this.threads = new Semaphore(max);
        this.limiter = SimpleLimiter.newBuilder().limit(limit).nanoClock(clock).build();
    }

    /** @param pace the pace in requests per second now, or null when unthrottled */
    public static InFlightLimit of(DoubleSupplier pace, int max, LongSupplier clock) {
        Latency latency = new Latency();
        Limit limit = pace != null
                ? new LittlesLawLimit(pace, latency, max)
                : Gradient2Limit.newBuilder()
                        .initialLimit(Math.min(16, max))
                        .minLimit(1)
                        .maxConcurrency(max)
                        .build();
        return new InFlightLimit(limit, latency, max, clock);
    }

    /** One request's place among those in flight. */
    public final class Slot {
        private final Limiter.Listener listener;
        private final long start;
        private boolean counted = true;
        private boolean ended;

        private Slot(Limiter.Listener listener, long start) {
            this.listener = listener;
            this.start = start;
        }

        /** The request got an answer: its time goes into the estimate. */
        public void answered() {
            end(true);
        }

        /** The request ended without a useful time (a timeout, a failure before sending). */
        public void ended() {
            end(false);
        }

        private void end(boolean sample) {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
                if (counted) {
                    counted = false;
                    if (sample) {
                        latency.sample((clock.getAsLong() - start) / 1e9);
                        listener.onSuccess();
                    } else {
                        listener.onIgnore();
                    }
                }
            }
            active.remove(this);
            threads.release();
        }

        private synchronized boolean counting() {
            return counted;
        }

        private synchronized boolean stopCountingIfOverdue(long now, long overdueAfter) {
            if (!counted || ended || now - start < overdueAfter) {
                return false;
            }
            counted = false;
            listener.onIgnore();
            return true;
        }
    }

    /**
     * A place in flight if one is free now, else null (the caller does not wait: the thread whose request ends
     * next takes the place it frees). Requests overdue by now stop counting against the sized limit first.
     */
    public Slot tryAcquire() {
        if (!threads.tryAcquire()) {
            return null;
        }
        Optional<Limiter.Listener> listener = limiter.acquire(null);
        if (listener.isEmpty() && releaseOverdue()) {
            listener = limiter.acquire(null);
        }
        if (listener.isEmpty()) {
            threads.release();
            return null;
        }
        Slot slot = new Slot(listener.get(), clock.getAsLong());
        active.add(slot);
        return slot;
    }

    /**
     * Nanoseconds until the oldest request in flight would be overdue, when it stops counting against the sized
     * limit and {@link #tryAcquire} may find room without any request ending; Long.MAX_VALUE if none would (no
     * request counted, or no latency measured yet).
     */
    public long nanosUntilOverdue() {
        long overdueAfter = overdueAfter();
        if (overdueAfter == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long now = clock.getAsLong();
        long soonest = Long.MAX_VALUE;
        for (Slot slot : active) {
            if (slot.counting()) {
                soonest = Math.min(soonest, Math.max(0, slot.start + overdueAfter - now));
            }
        }
        return soonest;
    }

    /** Whether a request could take a place in flight now without waiting. */
    public boolean hasRoom() {
        return threads.availablePermits() > 0 && limiter.getInflight() < limiter.getLimit();
    }

    /** The number of requests the sized limit allows in flight now. */
    public int limit() {
        return limiter.getLimit();
    }

    /** Requests in flight now, hung ones included. */
    public int inFlight() {
        return active.size();
    }

    /** Stops counting the requests overdue by now; whether there were any. */
    private boolean releaseOverdue() {
        long overdueAfter = overdueAfter();
        if (overdueAfter == Long.MAX_VALUE) {
            return false;
        }
        long now = clock.getAsLong();
        boolean released = false;
        for (Slot slot : active) {
            released |= slot.stopCountingIfOverdue(now, overdueAfter);
        }
        return released;
    }

    /** How long a request may take before it counts as hung: several times a typical slow answer. */
    private long overdueAfter() {
        double typical = latency.typicalUpperSeconds();
        return Double.isNaN(typical)
                ? Long.MAX_VALUE
                : Math.max(OVERDUE_AT_LEAST, (long) (OVERDUE_FACTOR * typical * 1e9));
    }
}
