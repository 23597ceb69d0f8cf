package com.aliasimport.api;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.retry.RetryCallback;
import org.springframework.retry.support.RetryTemplate;

import com.aliasimport.api.RecordsClient.Reply;
import com.aliasimport.config.ApiSettings;
import com.aliasimport.config.SendSettings;

/**
 * Sends one record to the Imports API and says what became of it. Every attempt passes the {@link Throttle};
 * transient failures are retried by Spring Retry with exponential back-off and jitter, honouring Retry-After;
 * a 401 renews the token once. Failures that are not about the row throw {@link SystemicFailureException}.
 * Thread safe: the writer calls it from several threads at once.
 */
public final class RecordSender implements AutoCloseable {

    private final ApiSettings settings;
    private final RecordsClient http;
    private final AccessTokens tokens;
    private final Throttle throttle;
    private final RecordBody body;
    private final RetryTemplate retry;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean stopping;
    private final AtomicBoolean firstRequestSent = new AtomicBoolean();
    private final CountDownLatch firstAnswer = new CountDownLatch(1);

    public RecordSender(ApiSettings settings, SendSettings send) {
        this.settings = settings;
        this.tokens = new AccessTokens(settings, HttpClientFactory.requestFactory(settings), clock);
        this.throttle = new Throttle(send.rate());
        this.body = new RecordBody(settings.format(), settings.configuration());
        this.http = new RecordsClient(settings, send.concurrency(), body.contentType().toString());
        this.retry = RetryTemplate.builder()
                .maxAttempts(send.maxAttempts())
                .retryOn(TransientFailure.class)
                .customBackoff(new RetryAfterBackOffPolicy(send.initialBackoff(), send.maxBackoff(),
                        send.maxRetryAfter(), this::sleepUnlessStopping))
                .build();
    }

    public AccessTokens tokens() {
        return tokens;
    }

    public Throttle throttle() {
        return throttle;
    }

    /**
     * Ends sending: attempts not yet made and back-off waits in progress end with a CancellationException, so the
     * run stops within moments rather than after every row's retries. Requests already on the wire finish.
     */
    public void stop() {
        stopping = true;
    }

    /** Stops and closes the connections. */
    @Override
    public void close() {
        stop();
        http.close();
    }

    /** Sends until accepted, rejected or out of attempts. */
    public SendOutcome send(Map<String, String> record) {
        byte[] payload = body.encode(record);
        RowAttempts row = new RowAttempts();
        try {
            return retry.execute((RetryCallback<SendOutcome, RuntimeException>) context -> attempt(payload, row));
        } catch (TransientFailure last) {
            return new SendOutcome.Exhausted(last.status(), last.getMessage(), row.outcomeUnknown,
                    last.notConnected(), row.attempts);
        }
    }

    /** What the attempts of one row have learned so far. */
    private static final class RowAttempts {
        int attempts;
        boolean outcomeUnknown;
        boolean renewedToken;
    }

    private SendOutcome attempt(byte[] payload, RowAttempts row) {
        if (stopping) {
            throw new CancellationException("sending stopped");
        }
        boolean first = firstRequestSent.compareAndSet(false, true);
        Reply reply;
        String token;
        try {
            // A token request (the first, or a renewal) takes a while: made before the slot, so that it does not hold
            // paced requests back and then release them together. After the slot the token is a cached read,
            // unless it expired during a long wait (a Retry-After pause).
            tokens.current();
            if (!first) {
                awaitFirstAnswer();
            }
            long slot = throttle.acquire();
            try {
                token = tokens.current();
                row.attempts++;
                reply = exchange(payload, token, row);
            } finally {
                throttle.answered(slot);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("sending stopped");
        } finally {
            if (first) {
                firstAnswer.countDown(); // answered, failed or never sent: the others go on either way
            }
        }
        int status = reply.status();
        if (status >= 200 && status < 300) {
            return new SendOutcome.Accepted(row.attempts, row.outcomeUnknown);
        }
        if (status == 401) {
            if (row.renewedToken) {
                throw new SystemicFailureException("the Imports API answers 401 Unauthorized even with a new token:"
                        + " check that the connected app may use the Imports API");
            }
            row.renewedToken = true;
            tokens.renew(token);
            throw new TransientFailure(401, Duration.ZERO, "401 Unauthorized: token renewed", false, false);
        }
        if (status == 429 || status == 408 || status >= 500) {
            Duration retryAfter = RetryAfter.parse(reply.retryAfter(), clock.instant());
            if (status == 429) {
                throttle.throttled(retryAfter);
            }
            throw new TransientFailure(status, retryAfter, ApiMessages.parse(status, reply.body()).text(), false,
                    false);
        }
        if (status >= 300 && status < 400) {
            throw new SystemicFailureException("the imports URL " + url() + " redirects (" + status + ") to "
                    + reply.location() + ": set CUSTOMERGAUGE_IMPORTS_URL to the final URL");
        }
        if (status == 403) {
            throw new SystemicFailureException("the Imports API answers 403 Forbidden at " + url()
                    + ": the connected app lacks permission for imports");
        }
        if (status == 404) {
            throw new SystemicFailureException("the Imports API answers 404 Not Found at " + url()
                    + ": check CUSTOMERGAUGE_REGION or CUSTOMERGAUGE_IMPORTS_URL");
        }
        if (status == 405) {
            throw new SystemicFailureException("the Imports API does not accept " + settings.method() + " at "
                    + url() + " (405): set alias-import.http.method");
        }
        ApiMessages.Parsed parsed = ApiMessages.parse(status, reply.body());
        return new SendOutcome.Rejected(status, parsed.text(), parsed.rowSpecific(), row.attempts);
    }

    private Reply exchange(byte[] payload, String token, RowAttempts row) {
        try {
            return http.send(payload, token);
        } catch (IOException e) {
            throw failure(e, row);
        }
    }

    /** What a request that got no complete answer amounts to. */
    private RuntimeException failure(IOException e, RowAttempts row) {
        if (NetworkErrors.isUnknownHost(e)) {
            return new SystemicFailureException("cannot reach the Imports API at " + url()
                    + ": unknown host (check CUSTOMERGAUGE_REGION or CUSTOMERGAUGE_IMPORTS_URL)");
        }
        if (NetworkErrors.isNotConnected(e)) {
            return new TransientFailure(null, null, NetworkErrors.describe(e) + " at " + url(), false, true);
        }
        // The request may have reached the API before the connection broke: the outcome is unknown.
        row.outcomeUnknown = true;
        return new TransientFailure(null, null, NetworkErrors.describe(e)
                + " (the API may have received the record)", true, false);
    }

    /**
     * The first request of a run goes alone; the others wait for its answer (or failure). It meets the cold code
     * paths and opens the first connection, so it is slow: paced requests queued behind it would reach the API
     * together, above the rate. And a run whose configuration is wrong learns it from one request, not sixteen.
     */
    private void awaitFirstAnswer() throws InterruptedException {
        while (!firstAnswer.await(50, TimeUnit.MILLISECONDS)) {
            if (stopping) {
                throw new CancellationException("sending stopped");
            }
        }
    }

    /** Back-off sleeps in short slices so that {@link #stop()} cuts them short without interrupting threads. */
    private void sleepUnlessStopping(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long left;
        while (!stopping && (left = end - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("sending stopped");
            }
        }
        if (stopping) {
            throw new CancellationException("sending stopped");
        }
    }

    private String url() {
        return settings.endpoints().importsUrl().toString();
    }

}
