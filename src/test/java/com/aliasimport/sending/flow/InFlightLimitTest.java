package com.aliasimport.sending.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class InFlightLimitTest {

    private static final int PACE = 10;
    private static final int MAX = 8;

    private long now;
    private final InFlightLimit limit = InFlightLimit.of(() -> PACE, MAX, () -> now);

    @Test
    void theFirstRequestGoesAlone() {
        assertThat(limit.tryAcquire()).isNotNull();

        assertThat(limit.hasRoom()).isFalse();
        assertThat(limit.tryAcquire()).isNull();
        assertThat(limit.nanosUntilOverdue()).as("no latency measured yet").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void sizedByThePaceAndTheLatencyAndAPlaceIsFreeOnlyOnceARequestEnds() {
        answerOneAfter(100);
        // 10/s x 0.2 s (a typical slow answer: the average plus twice the deviation) x 1.2, plus 2
        assertThat(limit.limit()).isEqualTo(5);

        List<InFlightLimit.Slot> slots = takeAllFree();
        assertThat(slots).hasSize(5);
        assertThat(limit.hasRoom()).isFalse();

        now += millis(100);
        slots.get(0).answered();
        assertThat(limit.inFlight()).isEqualTo(4);
        assertThat(limit.tryAcquire()).isNotNull();
        assertThat(limit.tryAcquire()).isNull();
    }

    @Test
    void hungRequestsStopCountingOnceOverdueButKeepTheirThreads() {
        answerOneAfter(100); // overdue after max(2 s, 4 x 0.2 s)
        List<InFlightLimit.Slot> hung = takeAllFree();
        assertThat(hung).hasSize(5);
        assertThat(limit.nanosUntilOverdue()).isEqualTo(millis(2000));

        now += millis(1500);
        assertThat(limit.nanosUntilOverdue()).isEqualTo(millis(500));
        assertThat(limit.tryAcquire()).isNull();

        now += millis(500);
        assertThat(limit.nanosUntilOverdue()).isZero();
        List<InFlightLimit.Slot> more = takeAllFree();
        assertThat(more).as("the hung five no longer count, but hold five of the eight threads").hasSize(MAX - 5);
        assertThat(limit.inFlight()).isEqualTo(MAX);

        hung.get(0).ended();
        assertThat(limit.tryAcquire()).as("a hung request's end frees its thread").isNotNull();
    }

    private void answerOneAfter(long ms) {
        InFlightLimit.Slot slot = limit.tryAcquire();
        now += millis(ms);
        slot.answered();
    }

    private List<InFlightLimit.Slot> takeAllFree() {
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
