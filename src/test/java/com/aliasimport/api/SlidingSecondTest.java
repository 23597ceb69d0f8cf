package com.aliasimport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class SlidingSecondTest {

    @Test
    void aBurstFromManyThreadsIsSpreadSoThatNoSecondHoldsMoreThanTheLimit() throws Exception {
        SlidingSecond window = new SlidingSecond(5);
        List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 12; i++) {
            pool.submit(() -> {
                window.acquire();
                starts.add(System.nanoTime());
                return null;
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        List<Long> sorted = new ArrayList<>(starts);
        Collections.sort(sorted);
        assertThat(sorted).hasSize(12);
        for (int i = 5; i < sorted.size(); i++) {
            assertThat(sorted.get(i) - sorted.get(i - 5)).as("start %d and start %d", i - 5, i)
                    .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
        }
        assertThat(sorted.get(4) - sorted.get(0)).as("the first five go at once")
                .isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
    }

    @Test
    void aRequestCountsFromItsStartUntilItsAnswerAtMostTheHorizon() throws Exception {
        SlidingSecond window = new SlidingSecond(1);

        long answeredAfter20 = window.acquire();
        long start = System.nanoTime();
        Thread.sleep(20);
        window.answered(answeredAfter20);
        window.answered(answeredAfter20); // a second answer changes nothing
        window.acquire(); // never answered
        long second = System.nanoTime();
        window.acquire();
        long third = System.nanoTime();

        assertThat(second - start).as("a second after the answer")
                .isBetween(TimeUnit.MILLISECONDS.toNanos(1015), TimeUnit.MILLISECONDS.toNanos(1090));
        assertThat(third - second).as("unanswered: a second after the horizon")
                .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1) + SlidingSecond.HORIZON_NANOS);
    }
}
