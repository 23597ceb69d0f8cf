package com.aliasimport.api;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * The one gate every request to the records endpoint passes, retries included.
 * <p>
 * The hard limit is a Resilience4j RateLimiter that hands out one permit per {@code 1s / rate}, so requests are
 * spread evenly and no one-second window, wherever it starts, holds more than the configured rate (a limiter that
 * refills {@code rate} permits each second would allow twice that across a refill). It paces at 98.5% of the rate
 * to leave room for scheduling jitter, and a {@link SlidingSecond} behind it holds back requests that a pause
 * released together, so that even then no one-second window holds more than the rate.
 * <p>
 * On top of it, a 429 pauses everyone for the Retry-After and halves the pace; the pace then climbs back towards
 * the configured rate a step every two seconds while the API stays quiet. The slower pace is a second, simple
 * gate, so the hard limit never changes underneath requests already waiting for it.
 */
public final class Throttle {

    static final double PACING = 0.985;
    private static final long RECOVERY_STEP_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final int configuredRate;
    private final RateLimiter limiter;
    private final SlidingSecond window;
    private volatile double currentRate;
    private volatile long pausedUntilNanos = System.nanoTime();
    private long lastChangeNanos = System.nanoTime();
    private long nextSlowSlotNanos = System.nanoTime();

    /** @param rate requests per second; 0 for unthrottled */
    public Throttle(int rate) {
        this.configuredRate = rate;
        this.currentRate = rate;
        this.limiter = rate > 0 ? RateLimiter.of("records", RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(periodNanos(rate)))
                .timeoutDuration(Duration.ofSeconds(10))
                .build()) : null;
        // One percent below the rate, for what the window cannot see: when exactly the API stamps an arrival.
        this.window = rate > 0 ? new SlidingSecond(rate - rate / 100) : null;
    }

    /** Blocks until this request may go; returns a ticket for {@link #answered} (0 when unthrottled). */
    public long acquire() throws InterruptedException {
        long wait;
        while ((wait = pausedUntilNanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        if (currentRate < configuredRate) {
            TimeUnit.NANOSECONDS.sleep(slowSlot() - System.nanoTime());
        }
        if (limiter != null) {
            while (!limiter.acquirePermission()) {
                // timed out waiting in a long queue: queue again
            }
            return window.acquire();
        }
        return 0;
    }

    /** The request of this ticket got its answer (or failed): it no longer counts towards the current second. */
    public void answered(long ticket) {
        if (window != null) {
            window.answered(ticket);
        }
    }

    /** The API said 429: everyone waits {@code retryAfter} (if given) and the pace halves. */
    public synchronized void throttled(Duration retryAfter) {
        long now = System.nanoTime();
        if (retryAfter != null && retryAfter.toNanos() > 0) {
            pausedUntilNanos = Math.max(pausedUntilNanos, now + retryAfter.toNanos());
        }
        if (configuredRate > 0) {
            currentRate = Math.max(1, currentRate / 2);
            lastChangeNanos = now;
        }
    }

    /** The rate requests are paced at now (for progress and tests). */
    public double currentRate() {
        return currentRate;
    }

    private synchronized long slowSlot() {
        long now = System.nanoTime();
        if (now - lastChangeNanos >= RECOVERY_STEP_NANOS) {
            currentRate = Math.min(configuredRate, currentRate + Math.max(1, configuredRate / 10.0));
            lastChangeNanos = now;
        }
        long slot = Math.max(now, nextSlowSlotNanos);
        nextSlowSlotNanos = slot + periodNanos(currentRate);
        return slot;
    }

    private static long periodNanos(double rate) {
        return (long) Math.ceil(1_000_000_000d / (rate * PACING));
    }
}
