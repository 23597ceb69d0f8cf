package com.aliasimport.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Faults and real-world conditions the sandbox injects, changeable at any time from any thread (tests
 * switch them mid-run). All are off by default.
 *
 * <p>Records requests (POST/PUT on /records/) are first counted by the {@link #rateLimit(RateLimit)
 * rate limit}, when there is one, at the moment they arrive, as an API gateway would count them. Then
 * every one waits {@link #latency(Duration, Duration) latency and jitter}. A request the rate limit
 * refused then answers 429 and gets nothing else. The others get at most one fault, checked in this
 * order: {@link #down}, {@link #failNext}, {@link #throttleNext}, {@link #unauthorizedNext},
 * {@link #resetNext}, {@link #slowNext}, {@link #failureRate}. Only the fault that applies consumes its
 * count, so "next n" means the next n requests that got that fault. Setting a counted fault again
 * replaces its pending count. {@link #rejectConfiguration} and {@link #failingRows} are validation
 * outcomes rather than transport faults: they apply to requests that pass authentication (and, for
 * failing rows, validation) instead of the normal answer.
 *
 * <p>Anonymize requests (GET /v4.1/anonymize.json) go through the same gateway: what is said here of records
 * requests holds for them too (one rate limit counts both, and a "next n" fault goes to whichever request comes
 * next), except {@link #rejectConfiguration} and {@link #failingRows}, which are about records. A reset answers
 * nothing; a slow answer is looked up, then held back.
 *
 * <p>One lock guards everything: the critical sections are a few field reads, which is cheap next to
 * an HTTP exchange even at thousands of requests a second, and it keeps "next n" exact under concurrency.
 */
public final class SandboxFaults {

    private final LongSupplier nanoClock;

    /** Latency and its jitter, switched together so a request never sees half of a change. */
    private record Latency(Duration base, Duration jitter) {
        static final Latency NONE = new Latency(Duration.ZERO, Duration.ZERO);
    }

    private volatile Latency latency = Latency.NONE;
    private volatile boolean rejectConfiguration;
    private volatile double failingRows;

    private long downUntilNanos;
    private boolean down;
    private int failRemaining;
    private int failStatus;
    private int throttleRemaining;
    private Duration throttleRetryAfter = Duration.ZERO;
    private int unauthorizedRemaining;
    private int resetRemaining;
    private boolean resetAfterAccepting;
    private int slowRemaining;
    private Duration slowDelay = Duration.ZERO;
    private double failureRate;
    private int failureRateStatus;
    private Random random = new Random(0);
    private int tokenFailRemaining;
    private int tokenFailStatus;
    private RateLimit rateLimit;
    private RateLimiter limiter;

    public SandboxFaults() {
        this(System::nanoTime);
    }

    SandboxFaults(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Wait this long before answering every records request (benchmarks use ~20 ms). Zero turns it off. */
    public SandboxFaults latency(Duration latency) {
        return latency(latency, Duration.ZERO);
    }

    /**
     * Each records request waits {@code base} plus a uniformly random extra in [0, {@code jitter}] before its
     * answer, whatever the answer, like a distant API whose answer time varies. The random source is the one
     * {@link #seed} sets.
     */
    public SandboxFaults latency(Duration base, Duration jitter) {
        this.latency = new Latency(nonNegative(base, "latency"), nonNegative(jitter, "jitter"));
        return this;
    }

    /**
     * Limits records requests to a rate, counted when they arrive; refused requests answer 429
     * {@code {"message": "Too Many Attempts."}} with the limit's Retry-After, are not validated and store
     * nothing. Replaces any earlier limit with a fresh one (a full bucket, an empty window).
     */
    public synchronized SandboxFaults rateLimit(RateLimit limit) {
        rateLimit = Objects.requireNonNull(limit, "limit");
        limiter = RateLimiter.of(limit, nanoClock.getAsLong());
        return this;
    }

    /** Lifts the rate limit (and only it). */
    public synchronized SandboxFaults removeRateLimit() {
        rateLimit = null;
        limiter = null;
        return this;
    }

    /**
     * A fraction {@code p} of the records answers 503 on every attempt, in every run: the valid, authenticated
     * requests whose record (its mapping fields, as received) has a {@link StableHash stable hash} in the lowest
     * {@code p} of its range. The record is not stored. 0 turns it off.
     */
    public SandboxFaults failingRows(double p) {
        this.failingRows = probability(p);
        return this;
    }

    /** The next {@code n} records requests answer {@code status} (e.g. 500, 502, 503) without storing the record. */
    public synchronized SandboxFaults failNext(int n, int status) {
        failRemaining = count(n);
        failStatus = httpStatus(status);
        return this;
    }

    /** The next {@code n} records requests answer 429 with {@code Retry-After} (whole seconds, rounded up). */
    public synchronized SandboxFaults throttleNext(int n, Duration retryAfter) {
        throttleRemaining = count(n);
        throttleRetryAfter = nonNegative(retryAfter, "retryAfter");
        return this;
    }

    /** The next {@code n} records requests answer 401 even with a valid token. */
    public synchronized SandboxFaults unauthorizedNext(int n) {
        unauthorizedRemaining = count(n);
        return this;
    }

    /**
     * The next {@code n} records requests are read fully, then the connection is closed without a
     * response. With {@code afterAccepting} a valid record is stored (and counted as accepted)
     * first: the "the server took it but the answer was lost" case.
     */
    public synchronized SandboxFaults resetNext(int n, boolean afterAccepting) {
        resetRemaining = count(n);
        resetAfterAccepting = afterAccepting;
        return this;
    }

    /**
     * The next {@code n} records requests are processed (a valid record is stored) and answered only
     * after {@code delay}: the "client timed out, outcome unknown" case.
     */
    public synchronized SandboxFaults slowNext(int n, Duration delay) {
        slowRemaining = count(n);
        slowDelay = nonNegative(delay, "delay");
        return this;
    }

    /** For the next {@code duration}, every records request answers 503; then the server is back. */
    public synchronized SandboxFaults down(Duration duration) {
        nonNegative(duration, "duration");
        down = !duration.isZero();
        downUntilNanos = nanoClock.getAsLong() + duration.toNanos();
        return this;
    }

    /** While on, every authenticated records request answers 422 "The selected configuration is invalid.". */
    public SandboxFaults rejectConfiguration(boolean reject) {
        this.rejectConfiguration = reject;
        return this;
    }

    /** Each records request fails with {@code status} with probability {@code p} (0 turns it off). */
    public synchronized SandboxFaults failureRate(double p, int status) {
        failureRate = probability(p);
        failureRateStatus = httpStatus(status);
        return this;
    }

    /** Re-seeds the random source behind {@link #failureRate} and the latency's jitter, for reproducible runs. */
    public synchronized SandboxFaults seed(long seed) {
        random = new Random(seed);
        return this;
    }

    /** The next {@code n} token requests answer {@code status} instead of issuing a token. */
    public synchronized SandboxFaults tokenFailNext(int n, int status) {
        tokenFailRemaining = count(n);
        tokenFailStatus = httpStatus(status);
        return this;
    }

    /** Turns every fault off (the random seed is kept). */
    public synchronized SandboxFaults clear() {
        latency = Latency.NONE;
        rejectConfiguration = false;
        failingRows = 0.0;
        rateLimit = null;
        limiter = null;
        down = false;
        failRemaining = 0;
        throttleRemaining = 0;
        unauthorizedRemaining = 0;
        resetRemaining = 0;
        slowRemaining = 0;
        failureRate = 0.0;
        tokenFailRemaining = 0;
        return this;
    }

    /** The fixed part of the records requests' latency. */
    public Duration latency() {
        return latency.base();
    }

    /** The most random extra latency a records request gets. */
    public Duration jitter() {
        return latency.jitter();
    }

    public synchronized Optional<RateLimit> rateLimit() {
        return Optional.ofNullable(rateLimit);
    }

    /** The fraction of records that always fail. */
    public double failingRows() {
        return failingRows;
    }

    /** How long the next records request waits before its answer: the latency plus a draw of its jitter. */
    Duration nextLatency() {
        Latency current = latency;
        if (current.jitter().isZero()) {
            return current.base(); // no lock on the common path
        }
        long extra;
        synchronized (this) {
            extra = random.nextLong(current.jitter().toNanos() + 1);
        }
        return current.base().plusNanos(extra);
    }

    /**
     * Counts one records request against the rate limit as it arrives: {@link RecordFault#NONE} when let through
     * (or when there is no limit), otherwise {@link RecordFault.RateLimited}.
     */
    synchronized RecordFault admit() {
        if (limiter == null) {
            return RecordFault.NONE;
        }
        long wait = limiter.tryAcquire(nanoClock.getAsLong());
        return wait == 0
                ? RecordFault.NONE
                : new RecordFault.RateLimited(Duration.ofNanos(wait), rateLimit.retryAfter());
    }

    /**
     * True when this valid record (its mapping fields by name, in the order sent) is one of the {@link #failingRows}
     * (the same answer every time); a test can build a file whose failing rows are where it wants them.
     */
    public boolean isFailingRow(Map<String, String> record) {
        double p = failingRows;
        return p > 0.0 && StableHash.unit(StableHash.of(record)) < p;
    }

    boolean rejectsConfiguration() {
        return rejectConfiguration;
    }

    /** Decides, and consumes, the fault for one records request. */
    synchronized RecordFault nextRecordFault() {
        if (down) {
            if (nanoClock.getAsLong() - downUntilNanos < 0) {
                return new RecordFault.Fail(503);
            }
            down = false;
        }
        if (failRemaining > 0) {
            failRemaining--;
            return new RecordFault.Fail(failStatus);
        }
        if (throttleRemaining > 0) {
            throttleRemaining--;
            return new RecordFault.Throttle(throttleRetryAfter);
        }
        if (unauthorizedRemaining > 0) {
            unauthorizedRemaining--;
            return new RecordFault.Unauthorized();
        }
        if (resetRemaining > 0) {
            resetRemaining--;
            return new RecordFault.Reset(resetAfterAccepting);
        }
        if (slowRemaining > 0) {
            slowRemaining--;
            return new RecordFault.Slow(slowDelay);
        }
        if (failureRate > 0.0 && random.nextDouble() < failureRate) {
            return new RecordFault.Fail(failureRateStatus);
        }
        return RecordFault.NONE;
    }

    /** The status a token request must fail with, or 0 to answer normally. */
    synchronized int nextTokenFailure() {
        if (tokenFailRemaining > 0) {
            tokenFailRemaining--;
            return tokenFailStatus;
        }
        return 0;
    }

    private static int count(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        return n;
    }

    private static double probability(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("p must be in [0, 1], was " + p);
        }
        return p;
    }

    private static int httpStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        return status;
    }

    private static Duration nonNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
        return duration;
    }
}
