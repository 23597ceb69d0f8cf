package com.aliasimport.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliasimport.outcome.AcceptedRow;
import com.aliasimport.outcome.FailedRow;
import com.aliasimport.outcome.FailureType;
import com.aliasimport.outcome.RowOutcomeStore;
import com.aliasimport.sending.flow.FlowFigures;
import com.aliasimport.support.SandboxImportTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every statement of the run registry, the run lock and the row outcome store, read back through the stores: run
 * on each supported database by {@link StoreTest} (H2) and {@link StorePostgresTest} (PostgreSQL).
 */
abstract class StoreScenarios extends SandboxImportTest {

    @Autowired
    RunStore runs;

    @Autowired
    RunLock locks;

    @Autowired
    RowOutcomeStore outcomes;

    @Test
    void aSecondAcquireOfTheSameKeyIsRefusedUntilTheFirstIsReleased() {
        RunLock.Held held = locks.acquire("test:same-key", "same.csv");
        held.attach(42);
        assertThatThrownBy(() -> locks.acquire("test:same-key", "same.csv"))
                .isInstanceOf(LockHeldException.class)
                .hasMessageContaining("another run of same.csv is in progress (run 42, process "
                        + ProcessHandle.current().pid());
        try (RunLock.Held other = locks.acquire("test:other-key", "other.csv")) {
            assertThat(other.tookOverFromDeadOwner()).isFalse();
        }
        held.close();
        try (RunLock.Held again = locks.acquire("test:same-key", "same.csv")) {
            assertThat(again.tookOverFromDeadOwner()).isFalse();
        }
        assertThat(count("SELECT COUNT(*) FROM run_lock")).isZero();
    }

    @Test
    void aLockOfAnotherHostHoldsWhileItsHeartbeatIsFreshWhateverThisJvmsTimeZone() {
        TimeZone zone = TimeZone.getDefault();
        try {
            // Hosts in different zones: the heartbeat is UTC, so a fresh one is fresh here too.
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
            lockOfAnotherHost("test:remote-fresh", Duration.ofSeconds(5));
            assertThatThrownBy(() -> locks.acquire("test:remote-fresh", "remote.csv"))
                    .isInstanceOf(LockHeldException.class)
                    .hasMessageContaining("on other-host");

            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            lockOfAnotherHost("test:remote-stale", RunLock.STALE_AFTER.plusSeconds(5));
            try (RunLock.Held taken = locks.acquire("test:remote-stale", "remote.csv")) {
                assertThat(taken.tookOverFromDeadOwner()).isTrue();
            }
        } finally {
            TimeZone.setDefault(zone);
            jdbc.update("DELETE FROM run_lock");
        }
    }

    private void lockOfAnotherHost(String key, Duration heartbeatAge) {
        jdbc.update(
                "INSERT INTO run_lock (lock_key, run_id, owner, host, pid, heartbeat_at)"
                        + " VALUES (?, 7, '1@other-host/x', 'other-host', 1, ?)",
                key,
                LocalDateTime.now(ZoneOffset.UTC).minus(heartbeatAge));
    }

    @Test
    void theRunRegistryReadsBackWhatItWrote() {
        long id = runs.create(
                ImportRun.Kind.IMPORT, "stores.csv", "/data/stores.csv", "hash-stores", "target-1", 3, null);
        runs.markStarted(id);
        runs.rewindTo(id, 9);
        runs.rewindTo(id, 5);
        runs.rewindTo(id, 7);
        assertThat(runs.rewindLine(id)).isEqualTo(5);
        runs.clearRewind(id);
        assertThat(runs.rewindLine(id)).isZero();
        runs.finish(
                id,
                RunStatus.COMPLETED_WITH_FAILURES,
                "a message",
                new RunCounts(3, 2, 1, 1, 0, 0, 0, 0, 1),
                Duration.ofMillis(1500),
                new FlowFigures(100, 45, 50.5, true, 40, 3));
        runs.finish(
                id,
                RunStatus.COMPLETED_WITH_FAILURES,
                null,
                new RunCounts(3, 2, 1, 1, 0, 0, 0, 0, 1),
                Duration.ofMillis(500),
                new FlowFigures(100, 47, 49.5, false, 20, 0));
        long retry =
                runs.create(ImportRun.Kind.RETRY, "stores.csv", "/data/stores.csv", "hash-stores", "target-1", 1, id);

        ImportRun run = runs.find(id).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(run.message()).isNull();
        assertThat(run.activeTime()).as("sessions add up").isEqualTo(Duration.ofMillis(2000));
        assertThat(run.flow())
                .as("requests and 429s add up; the limit is the latest session's")
                .isEqualTo(new ImportRun.Flow(60, 3, 49.5));
        assertThat(run.counts()).isEqualTo(new RunCounts(3, 2, 1, 1, 0, 0, 0, 0, 1));
        assertThat(run.createdAt())
                .isBeforeOrEqualTo(run.startedAt())
                .isBeforeOrEqualTo(run.endedAt())
                .isBeforeOrEqualTo(Instant.now());
        assertThat(run.retryOf()).isNull();
        assertThat(runs.find(retry).orElseThrow().retryOf()).isEqualTo(id);
        assertThat(runs.latestOf(ImportRun.Kind.IMPORT, "hash-stores", "target-1"))
                .map(ImportRun::id)
                .contains(id);
        assertThat(runs.latestOf(ImportRun.Kind.IMPORT, "hash-stores", "target-2"))
                .isEmpty();
        assertThat(runs.latest(ImportRun.Kind.RETRY)).map(ImportRun::id).contains(retry);
        assertThat(runs.recent(2)).extracting(ImportRun::id).containsExactly(retry, id);
        assertThat(runs.find(retry + 1000)).isEmpty();
    }

    @Test
    void theRowOutcomeStoreReadsBackWhatItWrote() {
        long id = runs.create(ImportRun.Kind.IMPORT, "rows.csv", "/data/rows.csv", "hash-rows", "target-1", 5, null);
        Instant now = Instant.now();
        outcomes.accepted(id, List.of(new AcceptedRow(2, 1, false, now), new AcceptedRow(3, 2, true, now)));
        // A journal replayed after a crash may offer rows already stored: they are left as they are.
        outcomes.acceptedEarlier(id, List.of(new AcceptedRow(3, 1, false, now)));
        // So may a flush tried again after the database went away: the duplicate key sends it the careful way.
        outcomes.accepted(id, List.of(new AcceptedRow(2, 1, false, now)));
        Instant first = Instant.now().minusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        String huge = "x".repeat(20_000);
        outcomes.failed(List.of(
                new FailedRow(
                        id,
                        4,
                        Map.of("Account Name", "ACME", "Alias", huge),
                        FailureType.INVALID,
                        null,
                        "\"Alias\" is 20000 characters long",
                        0,
                        null,
                        null,
                        null),
                new FailedRow(
                        id,
                        5,
                        Map.of("Account Name", "Globex", "Alias", "Globex"),
                        FailureType.REJECTED,
                        422,
                        "m".repeat(3000),
                        1,
                        first,
                        first.plusSeconds(1),
                        null),
                new FailedRow(
                        id,
                        6,
                        Map.of("Account Name", "Initech", "Alias", "Ini"),
                        FailureType.EXHAUSTED,
                        503,
                        "Service Unavailable",
                        6,
                        first,
                        first.plusSeconds(2),
                        null)));

        assertThat(outcomes.linesWithOutcome(id, 3, 5)).containsExactlyInAnyOrder(3L, 4L, 5L);
        assertThat(outcomes.highestLineWithOutcome(id)).isEqualTo(6);
        assertThat(outcomes.highestLineWithOutcome(id + 1000)).isZero();
        assertThat(outcomes.counts(id, 5)).isEqualTo(new RunCounts(5, 4, 2, 1, 1, 0, 1, 0, 2));

        List<FailedRow> failed = new ArrayList<>();
        outcomes.forEachFailed(id, failed::add);
        assertThat(failed).extracting(FailedRow::line).containsExactly(4L, 5L, 6L);
        assertThat(failed.get(0).record().get("Alias")).as("cut in storage").hasSize(10_000);
        assertThat(failed.get(0).httpStatus()).isNull();
        assertThat(failed.get(0).firstAttemptAt()).isNull();
        assertThat(failed.get(1).message()).hasSize(2000);
        assertThat(failed.get(2).httpStatus()).isEqualTo(503);
        assertThat(failed.get(2).lastAttemptAt()).isEqualTo(first.plusSeconds(2));

        outcomes.forget(id, List.of(5L, 6L));
        assertThat(outcomes.linesWithOutcome(id, 1, 10)).containsExactlyInAnyOrder(2L, 3L, 4L);
        assertThat(outcomes.counts(id, 5)).isEqualTo(new RunCounts(5, 2, 2, 0, 1, 0, 0, 0, 1));
    }
}
