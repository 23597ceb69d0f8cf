package com.aliasimport.sending;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/**
 * When a row that met a transient failure is tried again: after the server's Retry-After if it gave one (capped),
 * otherwise after an exponential back-off with jitter (Resilience4j's interval function: a pure function of the
 * attempt number, so the wait is scheduled rather than slept through), until {@code maxAttempts} attempts were made.
 */
public final class RetrySchedule {

    private final int maxAttempts;
    private final IntervalFunction backOff;
    private final Duration maxRetryAfter;

    public RetrySchedule(int maxAttempts, Duration initialBackOff, Duration maxBackOff, Duration maxRetryAfter) {
        this.maxAttempts = maxAttempts;
        Duration initial = initialBackOff.isZero() ? Duration.ofMillis(1) : initialBackOff;
        this.backOff = IntervalFunction.ofExponentialRandomBackoff(
                initial, 2.0, 0.5, maxBackOff.compareTo(initial) < 0 ? initial : maxBackOff);
        this.maxRetryAfter = maxRetryAfter;
    }

    /** Whether a row that has had {@code attempts} attempts may have another. */
    public boolean allowsAnother(int attempts) {
        return attempts < maxAttempts;
    }

    /** How long after its {@code attempts}-th failed attempt a row goes again. */
    public Duration delay(int attempts, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        }
        return Duration.ofMillis(backOff.apply(attempts));
    }
}
