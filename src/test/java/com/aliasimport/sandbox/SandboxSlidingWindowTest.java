package com.aliasimport.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rate window on a fake clock: exact, no waiting. */
class SandboxSlidingWindowTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong(123_456_789L);
    private final SlidingWindowCounter window = new SlidingWindowCounter(Duration.ofSeconds(1), now::get);

    @Test
    void countsArrivalsWithinOneSecond() {
        arriveAt(0, 100, 500, 999);

        assertThat(window.max()).isEqualTo(4);
    }

    @Test
    void requestsMoreThanASecondApartAreNeverInOneWindow() {
        arriveAt(0, 1100, 2200, 3300, 4400);

        assertThat(window.max()).isEqualTo(1);
    }

    @Test
    void anArrivalExactlyOneSecondLaterStartsANewWindow() {
        arriveAt(0, 1000);

        assertThat(window.max()).isEqualTo(1);
    }

    @Test
    void findsTheBusiestWindowAnywhereInTheRun() {
        arriveAt(0, 600); // 2 in a window
        arriveAt(2000, 2100, 2200, 2300, 2900); // 5 in [2000, 2900]
        arriveAt(3000, 3050); // window (2050, 3050]: 2100..3050 = 6

        assertThat(window.max()).isEqualTo(6);
    }

    @Test
    void growsPastItsInitialCapacity() {
        for (int i = 0; i < 5_000; i++) {
            window.arrive();
        }
        now.addAndGet(2_000 * MS);
        window.arrive();

        assertThat(window.max()).isEqualTo(5_000);
    }

    @Test
    void resetForgetsEverything() {
        arriveAt(0, 1, 2);
        window.reset();
        arriveAt(3);

        assertThat(window.max()).isEqualTo(1);
    }

    private void arriveAt(long... millisFromStart) {
        long start = 123_456_789L;
        for (long millis : millisFromStart) {
            now.set(start + millis * MS);
            window.arrive();
        }
    }
}
