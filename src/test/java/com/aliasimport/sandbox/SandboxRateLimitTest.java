package com.aliasimport.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rate limits' logic on a fake clock: exact, no waiting. */
class SandboxRateLimitTest {

    private static final long MS = 1_000_000L;
    private static final long START = 987_654_321L;

    private final AtomicLong now = new AtomicLong(START);

    @Test
    void tokenBucketLetsTheBurstThroughThenNPerSecond() {
        RateLimiter bucket = RateLimiter.of(RateLimit.tokenBucket(10, 5), START);

        assertThat(admittedAt(bucket, 0, 0, 0, 0, 0)).isEqualTo(5);
        assertThat(bucket.tryAcquire(START)).isEqualTo(100 * MS); // the next token is a tenth of a second away

        // Knocking every millisecond for ten seconds: one request each 100 ms, no more.
        int admitted = 0;
        for (long ms = 1; ms <= 10_000; ms++) {
            if (bucket.tryAcquire(START + ms * MS) == 0) {
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(100);
    }

    @Test
    void tokenBucketSavesUpNoMoreThanItsBurst() {
        RateLimiter bucket = RateLimiter.of(RateLimit.tokenBucket(10, 3), START);
        admittedAt(bucket, 0, 0, 0);

        // An idle hour refills three tokens, not 36,000 (and does not overflow).
        long hourLater = 3_600_000;
        assertThat(admittedAt(bucket, hourLater, hourLater, hourLater, hourLater))
                .isEqualTo(3);
    }

    @Test
    void tokenBucketTellsHowLongUntilTheNextToken() {
        RateLimiter bucket = RateLimiter.of(RateLimit.tokenBucket(4, 1), START);
        assertThat(bucket.tryAcquire(START)).isZero();

        assertThat(bucket.tryAcquire(START + 100 * MS)).isEqualTo(150 * MS);
        assertThat(bucket.tryAcquire(START + 249 * MS)).isEqualTo(1 * MS);
        assertThat(bucket.tryAcquire(START + 250 * MS)).isZero();
    }

    @Test
    void refusedRequestsDoNotUseTokens() {
        RateLimiter bucket = RateLimiter.of(RateLimit.tokenBucket(1, 1), START);
        bucket.tryAcquire(START);
        for (int i = 0; i < 100; i++) {
            assertThat(bucket.tryAcquire(START + 500 * MS)).isPositive();
        }

        assertThat(bucket.tryAcquire(START + 1000 * MS)).isZero();
    }

    @Test
    void slidingWindowLetsAllOfASecondsRequestsThroughAtOnceThenWaitsForTheOldest() {
        RateLimiter window = RateLimiter.of(RateLimit.slidingWindow(3), START);

        assertThat(admittedAt(window, 0, 10, 20)).isEqualTo(3);
        assertThat(window.tryAcquire(START + 400 * MS)).isEqualTo(600 * MS);
        assertThat(window.tryAcquire(START + 999 * MS)).isEqualTo(1 * MS);
        // Exactly one second after the first, the first is out of the window.
        assertThat(window.tryAcquire(START + 1000 * MS)).isZero();
        assertThat(window.tryAcquire(START + 1005 * MS)).isEqualTo(5 * MS);
        assertThat(window.tryAcquire(START + 1010 * MS)).isZero();
    }

    @Test
    void slidingWindowNeverLetsNPlusOneThroughInAnySecond() {
        int perSecond = 20;
        RateLimiter window = RateLimiter.of(RateLimit.slidingWindow(perSecond), START);
        Random random = new Random(7);
        List<Long> letThrough = new ArrayList<>();
        long t = START;
        for (int i = 0; i < 20_000; i++) {
            t += random.nextInt(3) == 0 ? random.nextInt(200) * MS : random.nextInt(5) * MS; // bursts and gaps
            if (window.tryAcquire(t) == 0) {
                letThrough.add(t);
            }
        }

        // Any N+1 requests let through span a second or more.
        for (int i = perSecond; i < letThrough.size(); i++) {
            assertThat(letThrough.get(i) - letThrough.get(i - perSecond)).isGreaterThanOrEqualTo(1000 * MS);
        }
        assertThat(letThrough.size()).isGreaterThan(perSecond);
    }

    @Test
    void slidingWindowUsesEveryRequestOfEachSecondWhenAsked() {
        RateLimiter window = RateLimiter.of(RateLimit.slidingWindow(50), START);
        int admitted = 0;
        for (long ms = 0; ms < 10_000; ms++) {
            if (window.tryAcquire(START + ms * MS) == 0) {
                admitted++;
            }
        }

        assertThat(admitted).isEqualTo(500);
    }

    @Test
    void faultsCountArrivalsOnTheirClockAndClearLiftsTheLimit() {
        SandboxFaults faults = new SandboxFaults(now::get);
        faults.rateLimit(RateLimit.tokenBucket(2, 1).withRetryAfter(RateLimit.RetryAfter.HTTP_DATE));

        assertThat(faults.admit()).isEqualTo(RecordFault.NONE);
        assertThat(faults.admit())
                .isEqualTo(new RecordFault.RateLimited(Duration.ofMillis(500), RateLimit.RetryAfter.HTTP_DATE));
        now.addAndGet(500 * MS);
        assertThat(faults.admit()).isEqualTo(RecordFault.NONE);
        assertThat(faults.rateLimit())
                .hasValue(RateLimit.tokenBucket(2, 1).withRetryAfter(RateLimit.RetryAfter.HTTP_DATE));

        faults.clear();
        assertThat(faults.rateLimit()).isEmpty();
        for (int i = 0; i < 10; i++) {
            assertThat(faults.admit()).isEqualTo(RecordFault.NONE);
        }
    }

    @Test
    void settingALimitAgainStartsItAfresh() {
        SandboxFaults faults = new SandboxFaults(now::get);
        faults.rateLimit(RateLimit.slidingWindow(1));
        faults.admit();
        assertThat(faults.admit()).isInstanceOf(RecordFault.RateLimited.class);

        faults.rateLimit(RateLimit.slidingWindow(1));
        assertThat(faults.admit()).isEqualTo(RecordFault.NONE);
        faults.removeRateLimit();
        assertThat(faults.admit()).isEqualTo(RecordFault.NONE);
    }

    @Test
    void limitsHaveSensibleDefaultsAndRefuseNonsense() {
        assertThat(RateLimit.tokenBucket(50))
                .isEqualTo(new RateLimit(RateLimit.Kind.TOKEN_BUCKET, 50, 5, RateLimit.RetryAfter.SECONDS));
        assertThat(RateLimit.tokenBucket(5).burst()).isEqualTo(1);
        assertThat(RateLimit.slidingWindow(20).burst()).isEqualTo(20);
        assertThat(RateLimit.tokenBucket(50, 5)
                        .withRetryAfter(RateLimit.RetryAfter.NONE)
                        .describe())
                .isEqualTo("50 requests/s, token bucket (burst 5), no Retry-After");
        assertThat(RateLimit.slidingWindow(20).describe())
                .isEqualTo("20 requests/s, sliding one-second window, Retry-After: seconds");

        assertThatThrownBy(() -> RateLimit.tokenBucket(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimit.tokenBucket(10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimit.slidingWindow(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(RateLimit.Kind.SLIDING_WINDOW, 10, 3, RateLimit.RetryAfter.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SandboxFaults().rateLimit(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void retryAfterSaysWholeSecondsRoundedUpAndAtLeastOne() {
        Instant at = Instant.parse("2026-03-01T10:15:30.250Z");

        assertThat(RetryAfterHeader.value(RateLimit.RetryAfter.NONE, Duration.ofMillis(300), at))
                .isEmpty();
        assertThat(RetryAfterHeader.value(RateLimit.RetryAfter.SECONDS, Duration.ofMillis(300), at))
                .hasValue("1");
        assertThat(RetryAfterHeader.value(RateLimit.RetryAfter.SECONDS, Duration.ofNanos(1), at))
                .hasValue("1");
        assertThat(RetryAfterHeader.value(RateLimit.RetryAfter.SECONDS, Duration.ofMillis(1000), at))
                .hasValue("1");
        assertThat(RetryAfterHeader.value(RateLimit.RetryAfter.SECONDS, Duration.ofMillis(1001), at))
                .hasValue("2");
    }

    @Test
    void retryAfterAsADateIsTheSameMomentNeverEarlier() {
        Instant at = Instant.parse("2026-03-01T10:15:30.250Z");

        // 1 s after 10:15:30.250 is 10:15:31.250; a date has whole seconds, so 10:15:32 (a client must not come early).
        assertThat(RetryAfterHeader.value(RateLimit.RetryAfter.HTTP_DATE, Duration.ofMillis(300), at))
                .hasValue("Sun, 01 Mar 2026 10:15:32 GMT");
        assertThat(RetryAfterHeader.value(
                        RateLimit.RetryAfter.HTTP_DATE, Duration.ofMillis(300), Instant.parse("2026-03-01T10:15:30Z")))
                .hasValue("Sun, 01 Mar 2026 10:15:31 GMT");
        String date = RetryAfterHeader.value(RateLimit.RetryAfter.HTTP_DATE, Duration.ofMillis(1500), at)
                .orElseThrow();
        assertThat(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant())
                .isEqualTo(Instant.parse("2026-03-01T10:15:33Z"));
    }

    private int admittedAt(RateLimiter limiter, long... millisFromStart) {
        int admitted = 0;
        for (long millis : millisFromStart) {
            if (limiter.tryAcquire(START + millis * MS) == 0) {
                admitted++;
            }
        }
        return admitted;
    }
}
