package com.aliasimport.sending.flow;

import static com.aliasimport.sending.flow.ServerLimitSimulation.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pace controller's logic on a made-up clock: no sleeping, no wall clock. */
class AdaptiveRateTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void pacesJustUnderTheConfiguredRateAndNeverAbove() {
        AdaptiveRate rate = new AdaptiveRate(100, Double.NaN, 0);
        assertThat(rate.pace(0)).isEqualTo(99.0);
        assertThat(rate.pace(600 * SECOND)).isEqualTo(99.0);
        assertThat(rate.limit()).isNaN();
    }

    @Test
    void aLimitLearnedEarlierIsWhereTheRunStartsAndItClimbsFromThere() {
        AdaptiveRate rate = new AdaptiveRate(100, 50, 0);
        assertThat(rate.pace(0)).isEqualTo(47.5);
        assertThat(rate.pace(2 * SECOND))
                .as("1%% of the limit every two seconds")
                .isCloseTo(48.0, within(1e-9));
        assertThat(rate.pace(4 * SECOND)).isCloseTo(48.5, within(1e-9));
        assertThat(rate.limit()).isEqualTo(50.0);
    }

    @Test
    void aLimitAtOrAboveTheConfiguredRateChangesNothing() {
        assertThat(new AdaptiveRate(20, 35, 0).pace(0)).isEqualTo(19.8);
        assertThat(new AdaptiveRate(20, 35, 0).limit()).isNaN();
    }

    @Test
    void a429DropsThePaceTo90PercentOfWhatTheServerLetThroughInTheLastSecond() {
        AdaptiveRate rate = new AdaptiveRate(100, Double.NaN, 0);
        rate.letThrough(0); // answers have come for more than a second
        for (int i = 1; i <= 60; i++) {
            rate.letThrough(SECOND + i * 16 * MS); // 60 answers in the second before the refusal
        }
        assertThat(rate.refused(1_900 * MS, 2 * SECOND)).isTrue();

        assertThat(rate.limit()).isCloseTo(60.0, within(1e-9));
        assertThat(rate.pace(2 * SECOND)).isCloseTo(54.0, within(1e-9));
        assertThat(rate.decreased()).isTrue();
    }

    @Test
    void requestsAlreadyOnTheirWayWhenThePaceDroppedDoNotDropItAgain() {
        AdaptiveRate rate = new AdaptiveRate(100, Double.NaN, 0);
        rate.letThrough(0); // answers have come for more than a second
        for (int i = 1; i <= 60; i++) {
            rate.letThrough(SECOND + i * 16 * MS);
        }
        rate.refused(1_900 * MS, 2 * SECOND);
        double afterFirst = rate.pace(2 * SECOND);

        // Fifteen more 429s from the same round of requests in flight (started before the drop).
        for (int i = 1; i <= 15; i++) {
            assertThat(rate.refused(1_950 * MS, 2 * SECOND + i * MS)).isFalse();
        }
        assertThat(rate.pace(2 * SECOND + 20 * MS)).isEqualTo(afterFirst);

        // A request sent after the drop that is refused too: the next round, one more drop.
        assertThat(rate.refused(2 * SECOND + 10 * MS, 2 * SECOND + 300 * MS)).isTrue();
        assertThat(rate.pace(2 * SECOND + 300 * MS)).isLessThan(afterFirst);
    }

    @Test
    void afterADropThePaceRecoversTo95PercentOfTheLimitWithinASecondThenProbesSlowly() {
        AdaptiveRate rate = new AdaptiveRate(100, Double.NaN, 0);
        rate.letThrough(0);
        for (int i = 1; i <= 50; i++) {
            rate.letThrough(SECOND + i * 20 * MS);
        }
        rate.refused(1_990 * MS, 2 * SECOND);
        assertThat(rate.pace(2 * SECOND)).isCloseTo(45.0, within(1e-9));
        assertThat(rate.pace(2 * SECOND + 999 * MS)).isCloseTo(45.0, within(1e-9));
        assertThat(rate.pace(3 * SECOND)).isCloseTo(47.5, within(1e-9));
        assertThat(rate.pace(4 * SECOND)).isCloseTo(47.5, within(1e-9));
        assertThat(rate.pace(5 * SECOND)).isCloseTo(48.0, within(1e-9));
        assertThat(rate.pace(7 * SECOND)).isCloseTo(48.5, within(1e-9));
    }

    @Test
    void aRefusalWithNothingLetThroughLatelyHalvesThePace() {
        AdaptiveRate rate = new AdaptiveRate(100, Double.NaN, 0);
        rate.refused(0, 100 * MS);
        assertThat(rate.pace(100 * MS)).isCloseTo(0.9 * 49.5, within(1e-9));
    }

    @Test
    void neverSlowerThanAFloorSoThatARunAlwaysMovesOn() {
        AdaptiveRate rate = new AdaptiveRate(100, Double.NaN, 0);
        for (int round = 0; round < 50; round++) {
            rate.refused(round * SECOND, round * SECOND + 1);
        }
        assertThat(rate.pace(50 * SECOND)).isEqualTo(0.5);
    }

    @Test
    void configuredAtTwiceAServersTokenBucketItFindsTheLimitAndHoldsIt() {
        var run = ServerLimitSimulation.run(
                ServerLimitSimulation.tokenBucket(50, 5), 100, Double.NaN, 250 * MS, 120 * SECOND);

        assertThat(run.admittedPerSecond()).as("achieved").isGreaterThanOrEqualTo(0.9 * 50);
        assertThat(run.refusedShare()).as("refused").isLessThanOrEqualTo(0.02);
        assertThat(run.learnedLimit()).isBetween(45.0, 56.0);
    }

    @Test
    void configuredAtTwiceAStrictSlidingWindowItFindsTheLimitAndHoldsIt() {
        var run = ServerLimitSimulation.run(
                ServerLimitSimulation.slidingWindow(50), 100, Double.NaN, 250 * MS, 120 * SECOND);

        assertThat(run.admittedPerSecond()).isGreaterThanOrEqualTo(0.9 * 50);
        assertThat(run.refusedShare()).isLessThanOrEqualTo(0.02);
        assertThat(run.learnedLimit()).isBetween(45.0, 56.0);
    }

    @Test
    void atZeroLatencyAndAtOneSecondItHoldsTheLimitToo() {
        for (long latency : new long[] {0, 20 * MS, SECOND}) {
            var run = ServerLimitSimulation.run(
                    ServerLimitSimulation.tokenBucket(50, 5), 100, Double.NaN, latency, 120 * SECOND);
            assertThat(run.admittedPerSecond())
                    .as("latency %d ms", latency / MS)
                    .isGreaterThanOrEqualTo(45);
            assertThat(run.refusedShare()).as("latency %d ms", latency / MS).isLessThanOrEqualTo(0.02);
        }
    }

    @Test
    void startingFromTheLimitAnEarlierRunLearnedCostsAlmostNoRefusals() {
        var fresh = ServerLimitSimulation.run(
                ServerLimitSimulation.tokenBucket(50, 5), 100, Double.NaN, 250 * MS, 60 * SECOND);
        var learned = ServerLimitSimulation.run(
                ServerLimitSimulation.tokenBucket(50, 5), 100, fresh.learnedLimit(), 250 * MS, 60 * SECOND);

        assertThat(learned.refused()).isLessThan(fresh.refused());
        assertThat(learned.admittedPerSecond()).isGreaterThanOrEqualTo(0.9 * 50);
    }

    @Test
    void aServerThatAllowsMoreThanTheConfiguredRateIsNeverAskedForMore() {
        var run = ServerLimitSimulation.run(
                ServerLimitSimulation.tokenBucket(500, 5), 100, Double.NaN, 250 * MS, 60 * SECOND);
        assertThat(run.refused()).isZero();
        assertThat(run.requests()).isBetween(5_900L, 5_941L);
    }
}
