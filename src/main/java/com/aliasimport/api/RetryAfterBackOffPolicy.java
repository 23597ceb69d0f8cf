package com.aliasimport.api;

import java.time.Duration;

import org.springframework.retry.RetryContext;
import org.springframework.retry.backoff.BackOffContext;
import org.springframework.retry.backoff.BackOffInterruptedException;
import org.springframework.retry.backoff.BackOffPolicy;
import org.springframework.retry.backoff.ExponentialRandomBackOffPolicy;
import org.springframework.retry.backoff.Sleeper;

/**
 * Exponential back-off with jitter, except that a server's Retry-After wins: the API knows best when it will take
 * the request again. Spring Retry's back-off policies do not see the failure, so this one keeps the retry context.
 */
final class RetryAfterBackOffPolicy implements BackOffPolicy {

    private final ExponentialRandomBackOffPolicy exponential = new ExponentialRandomBackOffPolicy();
    private final Duration maxRetryAfter;
    private final Sleeper sleeper;

    RetryAfterBackOffPolicy(Duration initial, Duration max, Duration maxRetryAfter, Sleeper sleeper) {
        this.sleeper = sleeper;
        exponential.setSleeper(sleeper);
        exponential.setInitialInterval(Math.max(1, initial.toMillis()));
        exponential.setMultiplier(2.0);
        exponential.setMaxInterval(Math.max(initial.toMillis(), max.toMillis()));
        this.maxRetryAfter = maxRetryAfter;
    }

    private record Context(RetryContext retry, BackOffContext exponential) implements BackOffContext {
    }

    @Override
    public BackOffContext start(RetryContext context) {
        return new Context(context, exponential.start(context));
    }

    @Override
    public void backOff(BackOffContext backOffContext) throws BackOffInterruptedException {
        Context context = (Context) backOffContext;
        if (context.retry().getLastThrowable() instanceof TransientFailure failure && failure.retryAfter() != null) {
            Duration wait = failure.retryAfter().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : failure.retryAfter();
            try {
                sleeper.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackOffInterruptedException("interrupted while honouring Retry-After", e);
            }
            return;
        }
        exponential.backOff(context.exponential());
    }
}
