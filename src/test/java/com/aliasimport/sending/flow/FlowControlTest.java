package com.aliasimport.sending.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The gate on a made-up clock: its sleeper moves the clock instead of waiting. */
class FlowControlTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private long now;
    private final FlowControl.Sleeper sleeper = nanos -> now += nanos;

    private FlowControl flow(int rate) {
        return new FlowControl(rate, Double.NaN, Duration.ofSeconds(120), () -> now, sleeper);
    }

    @Test
    void atAnyLatencyTheRateIsReachedAndNoSecondHoldsMore() throws Exception {
        for (long latency : new long[] {0, 250 * MS, 1000 * MS}) {
            now = 0;
            FlowControl flow = flow(100);
            List<Long> starts = new ArrayList<>();
            ArrayDeque<Object[]> answers = new ArrayDeque<>();
            while (now < 60 * SECOND) {
                while (!answers.isEmpty() && (long) answers.peekFirst()[0] <= now) {
                    ((FlowControl.Permit) answers.removeFirst()[1]).answered(200, true, null);
                }
                FlowControl.Permit permit = flow.acquire();
                starts.add(now);
                permit.written();
                answers.addLast(new Object[] {now + latency, permit});
            }
            for (int i = 0; i + 100 < starts.size(); i++) {
                assertThat(starts.get(i + 100) - starts.get(i)).isGreaterThanOrEqualTo(SECOND);
            }
            double achieved = (starts.size() - 1) * (double) SECOND / (starts.get(starts.size() - 1) - starts.get(0));
            assertThat(achieved)
                    .as("latency %d ms", latency / MS)
                    .isGreaterThanOrEqualTo(98.0)
                    .isLessThan(100.0);
        }
    }

    @Test
    void aRetryAfterPausesEveryoneOnceForItsLength() throws Exception {
        FlowControl flow = flow(10);
        List<FlowControl.Permit> round = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            FlowControl.Permit permit = flow.acquire();
            permit.written();
            round.add(permit);
        }
        long refusedAt = now;
        for (FlowControl.Permit permit : round) {
            permit.answered(429, true, Duration.ofSeconds(2)); // the whole round in flight comes back 429
        }
        flow.acquire();
        assertThat(now - refusedAt)
                .as("one pause of two seconds, not five")
                .isBetween(2 * SECOND, 2 * SECOND + 200 * MS);
        assertThat(flow.figures().refused()).isEqualTo(5);
        assertThat(flow.figures().throttled()).isTrue();
        assertThat(flow.figures().pace()).isLessThan(10);
    }

    @Test
    void unthrottledNeverWaitsButStillHonoursARetryAfter() throws Exception {
        FlowControl flow = flow(0);
        for (int i = 0; i < 1000; i++) {
            flow.acquire().answered(200, true, null);
        }
        assertThat(now).isZero();
        flow.acquire().answered(429, true, Duration.ofSeconds(1));
        flow.acquire();
        assertThat(now).isEqualTo(SECOND);
        assertThat(flow.figures().requests()).isEqualTo(1002);
    }

    @Test
    void aCancelledGateLetsNoOneThrough() {
        FlowControl flow = flow(10);
        flow.cancel();
        assertThatThrownBy(flow::acquire).isInstanceOf(CancellationException.class);
    }
}
