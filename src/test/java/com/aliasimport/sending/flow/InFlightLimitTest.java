package com.aliasimport.sending.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {

    private static final int PACE = 10;

    private long now;

    @Test
    void beforeAnyAnswerASecondsWorthAtThePaceMayBeInFlight() {
        InFlightLimit limit = limit(64);

        assertThat(limit.limit()).as("10/s x 1 s x 1.2, plus 2").isEqualTo(14);
        assertThat(takeAllFree(limit)).hasSize(14);
        assertThat(limit.hasRoom()).isFalse();
        assertThat(limit.nanosUntilOverdue()).as("no latency measured yet").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void sizedByThePaceAndTheLatencyAndAPlaceIsFreeOnlyOnceARequestEnds() {
        InFlightLimit limit = limit(64);
        answerOneAfter(limit, 100);
        // 10/s x 0.2 s (a typical slow answer: the average plus twice the deviation) x 1.2, plus 2
        assertThat(limit.limit()).isEqualTo(5);

        List<InFlightLimit.Slot> slots = takeAllFree(limit);
        assertThat(slots).hasSize(5);
        assertThat(limit.hasRoom()).isFalse();

        now += millis(100);
        slots.get(0).answered();
        assertThat(limit.inFlight()).isEqualTo(4);
        assertThat(limit.tryAcquire()).isNotNull();
        assertThat(limit.tryAcquire()).isNull();
    }

    @Test
    void hungRequestsStopCountingOnceOverdue() {
        InFlightLimit limit = limit(64);
        answerOneAfter(limit, 100); // overdue after max(2 s, 4 x 0.2 s)
        assertThat(takeAllFree(limit)).hasSize(5);
        assertThat(limit.nanosUntilOverdue()).isEqualTo(millis(2000));

        now += millis(1500);
        assertThat(limit.nanosUntilOverdue()).isEqualTo(millis(500));
        assertThat(limit.tryAcquire()).isNull();

        now += millis(500);
        assertThat(limit.nanosUntilOverdue()).isZero();
        assertThat(takeAllFree(limit)).as("the hung five no longer count").hasSize(5);
        assertThat(limit.inFlight()).isEqualTo(10);
    }

    @Test
    void hungRequestsKeepTheirThreadsUntilTheyEnd() {
        InFlightLimit limit = limit(6);
        answerOneAfter(limit, 100);
        List<InFlightLimit.Slot> hung = takeAllFree(limit);
        assertThat(hung).hasSize(5);

        now += millis(2000);
        assertThat(takeAllFree(limit)).as("one of the six threads is left").hasSize(1);

        hung.get(0).ended();
        assertThat(limit.tryAcquire())
                .as("a hung request's end frees its thread")
                .isNotNull();
    }

    private InFlightLimit limit(int max) {
        return InFlightLimit.of(() -> PACE, max, () -> now);
    }

    private void answerOneAfter(InFlightLimit limit, long ms) {
        InFlightLimit.Slot slot = limit.tryAcquire();
        now += millis(ms);
        slot.answered();
    }

    private static List<InFlightLimit.Slot> takeAllFree(InFlightLimit limit) {
        List<InFlightLimit.Slot> slots = new ArrayList<>();
        for (InFlightLimit.Slot slot = limit.tryAcquire(); slot != null; slot = limit.tryAcquire()) {
            slots.add(slot);
        }
        return slots;
    }

    private static long millis(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }
}
