package com.aliasimport.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void everyCallerReturnsOnlyOnceItsItemIsCommittedAndWritersShareCommits() throws Exception {
        Set<Integer> committed = ConcurrentHashMap.newKeySet();
        AtomicInteger commits = new AtomicInteger();
        GroupCommit<Integer> group = new GroupCommit<>(items -> {
            sleep(2); // a commit takes a while: callers arriving meanwhile queue for the next one
            committed.addAll(items);
            commits.incrementAndGet();
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        int item = thread * 100 + i;
                        group.write(item);
                        assertThat(committed).as("returned before its commit").contains(item);
                    }
                }));
            }
            for (Future<?> w : writers) {
                w.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(committed).hasSize(400);
        assertThat(commits.get()).as("commits for 400 items from 8 threads").isLessThan(400);
    }

    @Test
    void aFailedCommitFailsEveryCallerInItAndTheNextBatchStillWorks() throws Exception {
        CountDownLatch firstWriting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger batch = new AtomicInteger();
        List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer> group = new GroupCommit<>(items -> {
            int n = batch.incrementAndGet();
            if (n == 1) {
                firstWriting.countDown();
                await(release);
                committed.addAll(items);
            } else if (n == 2) {
                throw new IllegalStateException("disk full");
            } else {
                committed.addAll(items);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> first = pool.submit(() -> group.write(1));
            firstWriting.await(5, TimeUnit.SECONDS);
            // Both queue behind the first commit, so they go in the second batch together, which fails.
            Future<?> second = pool.submit(() -> group.write(2));
            Future<?> third = pool.submit(() -> group.write(3));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> group.queued() >= 2);
            release.countDown();
            first.get(5, TimeUnit.SECONDS);
            for (Future<?> f : List.of(second, third)) {
                assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                        .hasRootCauseMessage("disk full")
                        .hasMessageContaining("could not store an outcome");
            }
            group.write(4);
        } finally {
            pool.shutdownNow();
        }
        assertThat(committed).containsExactly(1, 4);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
