package com.aliasimport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ThrottleTest {

    /** The most timestamps (nanoseconds) that fall in any window of one second, wherever it starts. */
    static int maxInAnySecond(List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        int max = 0;
        int start = 0;
        for (int end = 0; end < sorted.size(); end++) {
            while (sorted.get(end) - sorted.get(start) >= 1_000_000_000L) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }

    @Test
    void noOneSecondWindowHoldsMoreThanTheRateEvenWithManyThreads() throws Exception {
        Throttle throttle = new Throttle(20);
        List<Long> granted = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 50; i++) {
            pool.submit(() -> {
                throttle.acquire();
                granted.add(System.nanoTime());
                return null;
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(granted).hasSize(50);
        assertThat(maxInAnySecond(granted)).isLessThanOrEqualTo(20);
    }

    @Test
    void a429PausesEveryoneForRetryAfterAndHalvesThePace() throws Exception {
        Throttle throttle = new Throttle(100);
        throttle.acquire();
        throttle.throttled(Duration.ofMillis(300));
        long before = System.nanoTime();
        throttle.acquire();
        assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(290));
        assertThat(throttle.currentRate()).isEqualTo(50);
        throttle.throttled(null);
        assertThat(throttle.currentRate()).isEqualTo(25);
    }

    @Test
    void unthrottledNeverWaits() throws Exception {
        Throttle throttle = new Throttle(0);
        for (int i = 0; i < 10_000; i++) {
            throttle.acquire();
        }
        assertThat(throttle.currentRate()).isZero();
    }
}
