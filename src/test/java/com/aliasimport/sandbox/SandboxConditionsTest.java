package com.aliasimport.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real-world conditions over real HTTP: latency with jitter, a rate limit and failing rows. The sandbox's
 * monotonic clock stands still unless a test moves it, so what the rate limit lets through does not depend on
 * how fast the machine answers.
 */
class SandboxConditionsTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong(5_000_000_000L);

    @RegisterExtension
    final SandboxExtension sandbox = new SandboxExtension(now::get);

    @Test
    void rateLimitLetsTheBurstThroughThenAnswers429WithRetryAfterInSeconds() {
        sandbox.faults().rateLimit(RateLimit.tokenBucket(10, 3));

        for (int i = 0; i < 3; i++) {
            assertThat(post(i).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = post(3);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).isEqualTo("{\"message\":\"Too Many Attempts.\"}");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        now.addAndGet(100 * MS); // one token's worth
        assertThat(post(3).statusCode()).isEqualTo(200);
        assertThat(post(4).statusCode()).isEqualTo(429);
        assertThat(sandbox.stats().throttled()).isEqualTo(2);
        assertThat(sandbox.stats().statusCounts()).containsEntry(200, 4L).containsEntry(429, 2L);
    }

    @Test
    void rateLimitWithoutRetryAfterSendsNoHeader() {
        sandbox.faults().rateLimit(RateLimit.tokenBucket(50, 1).withRetryAfter(RateLimit.RetryAfter.NONE));
        post(0);

        HttpResponse<String> refused = post(1);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void rateLimitCanSayRetryAfterAsAnHttpDate() {
        sandbox.faults().rateLimit(RateLimit.slidingWindow(1).withRetryAfter(RateLimit.RetryAfter.HTTP_DATE));
        post(0);
        Instant sent = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        HttpResponse<String> refused = post(1);

        assertThat(refused.statusCode()).isEqualTo(429);
        String date = refused.headers().firstValue("Retry-After").orElseThrow();
        assertThat(date).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        Instant at =
                ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(at).isAfterOrEqualTo(sent.plusSeconds(1));
    }

    @Test
    void slidingWindowLetsNoMoreThanNThroughInASecond() {
        sandbox.faults().rateLimit(RateLimit.slidingWindow(2));

        assertThat(List.of(post(0).statusCode(), post(1).statusCode(), post(2).statusCode()))
                .containsExactly(200, 200, 429);
        now.addAndGet(999 * MS);
        assertThat(post(2).statusCode()).isEqualTo(429);
        now.addAndGet(MS);
        assertThat(List.of(post(2).statusCode(), post(3).statusCode(), post(4).statusCode()))
                .containsExactly(200, 200, 429);
    }

    @Test
    void refusedRequestsAreNeitherAuthenticatedNorValidatedNorStored() {
        sandbox.faults().rateLimit(RateLimit.tokenBucket(1, 1));
        assertThat(post(0).statusCode()).isEqualTo(200);

        // Else a 422 and a 401.
        assertThat(sandbox.postJson(TestHttp.aliasJson("ACME", "acme")).statusCode())
                .isEqualTo(429);
        assertThat(sandbox.http()
                        .postJson(null, TestHttp.aliasJson("ACME", "ACME Corp"))
                        .statusCode())
                .isEqualTo(429);
        assertThat(post(1).statusCode()).isEqualTo(429);

        assertThat(sandbox.stats().acceptedRecords()).containsOnlyKeys(record(0));
        assertThat(sandbox.stats().rejected()).isZero();
        assertThat(sandbox.stats().statusCounts()).containsOnlyKeys(200, 429);
    }

    @Test
    void rateLimitedRequestsCountInTheBusiestWindow() {
        sandbox.faults().rateLimit(RateLimit.tokenBucket(5, 5));

        for (int i = 0; i < 20; i++) {
            post(i);
        }

        assertThat(sandbox.stats().requests()).isEqualTo(20);
        assertThat(sandbox.stats().maxRequestsInAnyOneSecondWindow()).isEqualTo(20);
        assertThat(sandbox.stats().throttled()).isEqualTo(15);
        assertThat(sandbox.stats().accepted()).isEqualTo(5);
    }

    @Test
    void everyAnswerWaitsTheLatencyWhateverItIs() {
        sandbox.faults().latency(Duration.ofSeconds(30)).rateLimit(RateLimit.tokenBucket(1, 3));
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();

        // One at a time, so the first three to arrive are these: a valid record, an invalid one, one without a token,
        // then one the rate limit refuses.
        sendAsync(pending, sandbox.token(), TestHttp.aliasJson("ACME", "ACME Corp"));
        sendAsync(pending, sandbox.token(), TestHttp.aliasJson("ACME", "acme"));
        sendAsync(pending, null, TestHttp.aliasJson("ACME", "ACME Corp"));
        sendAsync(pending, sandbox.token(), TestHttp.aliasJson("Globex", "Globex Inc"));

        // All four are held at once and not one answer has gone out: the 429 waits like the 200, 422 and 401.
        TestHttp.await(Duration.ofSeconds(10), () -> sandbox.stats().concurrentRequests() == 4);
        assertThat(sandbox.stats().statusCounts()).isEmpty();
        assertThat(pending).noneMatch(CompletableFuture::isDone);
        assertThat(sandbox.stats().maxConcurrentRequests()).isEqualTo(4);
    }

    @Test
    void jitterAddsAUniformExtraWithinItsBounds() {
        SandboxFaults faults =
                new SandboxFaults(now::get).seed(11).latency(Duration.ofMillis(200), Duration.ofMillis(100));

        List<Duration> draws = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            draws.add(faults.nextLatency());
        }

        assertThat(draws).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(200), Duration.ofMillis(300)));
        assertThat(draws).anySatisfy(d -> assertThat(d).isLessThan(Duration.ofMillis(202)));
        assertThat(draws).anySatisfy(d -> assertThat(d).isGreaterThan(Duration.ofMillis(298)));
        long underTheMiddle = draws.stream()
                .filter(d -> d.compareTo(Duration.ofMillis(250)) < 0)
                .count();
        assertThat(underTheMiddle).isBetween(4_500L, 5_500L);
        faults.seed(11);
        assertThat(faults.nextLatency()).isEqualTo(draws.get(0));
        assertThat(faults.latency()).isEqualTo(Duration.ofMillis(200));
        assertThat(faults.jitter()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void latencyWithoutJitterIsExactAndJitterMustNotBeNegative() {
        SandboxFaults faults = new SandboxFaults(now::get).latency(Duration.ofMillis(20));

        assertThat(faults.jitter()).isZero();
        for (int i = 0; i < 100; i++) {
            assertThat(faults.nextLatency()).isEqualTo(Duration.ofMillis(20));
        }
        assertThatThrownBy(() -> faults.latency(Duration.ZERO, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(faults.clear().latency()).isZero();
    }

    @Test
    void failingRowsFailOnEveryAttemptAndOnlyThose() {
        sandbox.faults().failingRows(0.2);

        Set<Integer> failedFirst = failing(100);
        Set<Integer> failedAgain = failing(100);

        assertThat(failedFirst).isNotEmpty().hasSizeLessThan(100).isEqualTo(failedAgain);
        for (int i = 0; i < 100; i++) {
            assertThat(sandbox.faults().isFailingRow(record(i))).isEqualTo(failedFirst.contains(i));
            assertThat(sandbox.stats().timesAccepted(record(i))).isEqualTo(failedFirst.contains(i) ? 0 : 2);
        }
        assertThat(sandbox.stats().failingRowAnswers()).isEqualTo(2L * failedFirst.size());
        assertThat(sandbox.stats().statusCount(503)).isEqualTo(2L * failedFirst.size());

        // The record decides, not the body's format.
        int failingRow = failedFirst.iterator().next();
        HttpResponse<String> form = sandbox.http()
                .postForm(
                        sandbox.token(),
                        "configuration=" + TestHttp.CONFIGURATION
                                + "&record[Account Name]="
                                + accountName(failingRow).replace(' ', '+')
                                + "&record[Alias]=CA-" + failingRow);
        assertThat(form.statusCode()).isEqualTo(503);
        assertThat(form.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
    }

    @Test
    void onlyValidAuthenticatedRecordsCanBeFailingRows() {
        sandbox.faults().failingRows(1.0);

        assertThat(sandbox.postJson(TestHttp.aliasJson("ACME", "acme")).statusCode())
                .isEqualTo(422);
        assertThat(sandbox.http()
                        .postJson(null, TestHttp.aliasJson("ACME", "ACME Corp"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(sandbox.postJson(TestHttp.aliasJson("ACME", "ACME Corp")).statusCode())
                .isEqualTo(503);
        assertThat(sandbox.stats().failingRowAnswers()).isEqualTo(1);

        sandbox.faults().failingRows(0.0);
        assertThat(sandbox.postJson(TestHttp.aliasJson("ACME", "ACME Corp")).statusCode())
                .isEqualTo(200);
        assertThatThrownBy(() -> sandbox.faults().failingRows(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clearTurnsTheConditionsOff() {
        sandbox.faults()
                .latency(Duration.ofMillis(5), Duration.ofMillis(5))
                .failingRows(1.0)
                .rateLimit(RateLimit.tokenBucket(1, 1));
        post(0);

        sandbox.faults().clear();

        assertThat(sandbox.faults().rateLimit()).isEmpty();
        assertThat(sandbox.faults().failingRows()).isZero();
        assertThat(sandbox.faults().jitter()).isZero();
        assertThat(List.of(post(1).statusCode(), post(2).statusCode())).containsExactly(200, 200);
    }

    @Test
    void describeNamesTheConditions() {
        sandbox.faults()
                .latency(Duration.ofMillis(200), Duration.ofMillis(100))
                .failingRows(0.015)
                .rateLimit(RateLimit.tokenBucket(50, 5).withRetryAfter(RateLimit.RetryAfter.NONE));

        assertThat(sandbox.server().describe())
                .contains(
                        "200 ms per records request, plus 0 to 100 ms of jitter",
                        "50 requests/s, token bucket (burst 5), no Retry-After",
                        "1.5% of the records answer 503 on every attempt");
    }

    private Set<Integer> failing(int rows) {
        Set<Integer> failed = new LinkedHashSet<>();
        for (int i = 0; i < rows; i++) {
            int status = post(i).statusCode();
            assertThat(status).isIn(200, 503);
            if (status == 503) {
                failed.add(i);
            }
        }
        return failed;
    }

    private void sendAsync(List<CompletableFuture<HttpResponse<String>>> pending, String bearer, String json) {
        long before = sandbox.stats().requests();
        pending.add(sandbox.http()
                .client
                .sendAsync(
                        sandbox.http().records(bearer, "application/json", json).build(),
                        HttpResponse.BodyHandlers.ofString()));
        TestHttp.await(Duration.ofSeconds(10), () -> sandbox.stats().requests() == before + 1);
    }

    private HttpResponse<String> post(int row) {
        return sandbox.postJson(TestHttp.aliasJson(accountName(row), "CA-" + row));
    }

    private static Map<String, String> record(int row) {
        return TestHttp.alias(accountName(row), "CA-" + row);
    }

    private static String accountName(int row) {
        return "Customer Account " + row + " Holdings";
    }
}
