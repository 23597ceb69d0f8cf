package com.aliasimport.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The compact structures behind the first-attempt stats and failing rows. */
class SandboxFirstAttemptsTest {

    @Test
    void longHashSetKeepsEachValueOnceAndGrows() {
        LongHashSet set = new LongHashSet();
        Random random = new Random(3);
        Set<Long> expected = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            long value = random.nextInt(3) == 0 ? random.nextInt(1000) : random.nextLong(); // plenty of repeats
            assertThat(set.add(value)).isEqualTo(expected.add(value));
        }

        assertThat(set.size()).isEqualTo(expected.size());
        assertThat(set.capacity()).isGreaterThan(expected.size()).isLessThanOrEqualTo(4 * expected.size());
    }

    @Test
    void longHashSetTakesZeroAndValuesThatDifferOnlyInHighBits() {
        LongHashSet set = new LongHashSet();

        assertThat(set.add(0)).isTrue();
        assertThat(set.add(0)).isFalse();
        for (long high = 1; high <= 5_000; high++) {
            assertThat(set.add(high << 40)).isTrue();
        }
        assertThat(set.size()).isEqualTo(5_001);

        set.clear();
        assertThat(set.size()).isZero();
        assertThat(set.capacity()).isEqualTo(1024);
        assertThat(set.add(0)).isTrue();
    }

    @Test
    void firstAttemptsCountDistinctBodiesTheTimeOfTheFirstAndLastNewOneAndTheRepeatsBeforeIt() {
        FirstAttempts first = new FirstAttempts();

        first.arrived(bytes("a"), 1_000);
        first.arrived(bytes("b"), 1_200);
        first.arrived(bytes("a"), 1_300); // a retry: not a first attempt
        first.arrived(bytes("c"), 1_500);
        first.arrived(bytes("b"), 1_900);

        assertThat(first.snapshot()).isEqualTo(new FirstAttempts.Snapshot(3, 1_000, 1_500, 1));
        first.reset();
        assertThat(first.snapshot()).isEqualTo(new FirstAttempts.Snapshot(0, 0, 0, 0));
        first.arrived(bytes("a"), 2_000);
        assertThat(first.snapshot()).isEqualTo(new FirstAttempts.Snapshot(1, 2_000, 2_000, 0));
    }

    @Test
    void stableHashesAreTheSameInEveryRunAndForEveryMapOfTheSameFields() {
        Map<String, String> linked = new LinkedHashMap<>();
        linked.put("Account Name", "ACME");
        linked.put("Alias", "ACME Corp");
        Map<String, String> sorted = new TreeMap<>(linked);

        // Pinned (values computed separately from the FNV-1a and MurmurHash3 definitions): which rows fail must
        // not change between builds, or "the same rows fail in every run" breaks.
        assertThat(StableHash.of(linked)).isEqualTo(StableHash.of(sorted)).isEqualTo(8_454_878_150_047_847_750L);
        assertThat(StableHash.of(bytes("{}"))).isEqualTo(-5_913_771_111_645_670_555L);
        // The boundary between name and value counts: these two must differ.
        assertThat(StableHash.of(Map.of("ab", "c"))).isNotEqualTo(StableHash.of(Map.of("a", "bc")));
    }

    @Test
    void aFractionOfSimilarRowsIsCloseToThatFraction() {
        // Rows like the benchmark's, which differ only in a few digits: the hash must still spread them.
        int failing = 0;
        for (int i = 1; i <= 100_000; i++) {
            Map<String, String> record = new LinkedHashMap<>();
            record.put("Account Name", String.format("Customer Account %07d Holdings", i));
            record.put("Alias", String.format("CA-%07d", i));
            if (StableHash.unit(StableHash.of(record)) < 0.01) {
                failing++;
            }
        }

        assertThat(failing).isBetween(900, 1_100);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
