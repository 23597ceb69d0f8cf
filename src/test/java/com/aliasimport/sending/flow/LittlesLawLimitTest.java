package com.aliasimport.sending.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LittlesLawLimitTest {

    @Test
    void enoughInFlightForThePaceAtTheLatencyWithHeadroom() {
        assertThat(LittlesLawLimit.limitFor(100, 0.25, 128)).isEqualTo(32); // 25 by the law, +20%, +2
        assertThat(LittlesLawLimit.limitFor(20, 0.25, 128)).isEqualTo(8);
        assertThat(LittlesLawLimit.limitFor(200, 0.001, 128)).isEqualTo(3);
    }

    @Test
    void cappedByTheMaximumAndASecondAssumedBeforeAnyAnswer() {
        assertThat(LittlesLawLimit.limitFor(100, 2.0, 64)).isEqualTo(64);
        assertThat(LittlesLawLimit.limitFor(20, Double.NaN, 64))
                .as("a second assumed before any answer")
                .isEqualTo(26);
    }

    @Test
    void followsTheLatencyAndThePace() {
        Latency latency = new Latency();
        double[] pace = {100};
        var limit = new LittlesLawLimit(() -> pace[0], latency, 128);
        assertThat(limit.getLimit())
                .as("before any answer, a second's worth at the pace")
                .isEqualTo(122);

        for (int i = 0; i < 50; i++) {
            latency.sample(0.5);
            limit.onSample(0, 500_000_000L, 1, false);
        }
        assertThat(limit.getLimit()).as("50 by the law, +20%%, +2").isBetween(62, 63);

        for (int i = 0; i < 50; i++) {
            latency.sample(0.05);
            limit.onSample(0, 50_000_000L, 1, false);
        }
        assertThat(limit.getLimit()).as("answers came faster").isBetween(8, 10);

        pace[0] = 45;
        latency.sample(0.05);
        limit.onSample(0, 50_000_000L, 1, false);
        assertThat(limit.getLimit()).as("a slower pace after a 429").isBetween(4, 6);
    }
}
