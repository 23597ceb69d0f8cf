package com.aliasimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.sandbox.SandboxStats;
import com.aliasimport.support.ChildImports;
import com.aliasimport.support.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while rows that keep failing wait for their next attempt, set aside while the rows after them flow: the
 * checkpoint never passed them, so the same command sends them again, and every row still ends exactly once,
 * accepted or recorded with its attempts.
 */
class CrashDuringRetriesTest {

    private static final int ROWS = 1000;
    private static final int CONCURRENCY = 8;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path home;

    @Test
    @Timeout(180)
    void killedWhileRowsWaitForARetryItResumesAndEveryRowEndsOnce() {
        try (ChildImports env = new ChildImports(home)) {
            SandboxStats stats = env.sandbox().stats();
            env.sandbox().faults().failingRows(0.05).latency(Duration.ofMillis(3));
            Path file = env.aliases("retries.csv", ROWS);
            String[] command = {
                "import", file.toString(), "--concurrency", String.valueOf(CONCURRENCY), "--chunk-size", "100"
            };

            // Two seconds between attempts: rows that failed are surely waiting for their next one at the kill.
            ChildJvm first = env.start(
                    "session-1",
                    Map.of("alias-import.sending.initial-backoff", "2s", "alias-import.sending.max-backoff", "2s"),
                    command);
            ChildImports.await(
                    () -> stats.failingRowAnswers() >= 10 && stats.accepted() >= ROWS / 2 || !first.isAlive(),
                    Duration.ofSeconds(90));
            assertThat(first.isAlive()).as(first.describe()).isTrue();
            first.kill();
            env.awaitSandboxIdle(Duration.ofMillis(150), Duration.ofSeconds(10));
            long unrecorded = stats.distinctRecords() - env.recordedAcceptances();
            long duplicatesBefore = stats.duplicateAcceptances();
            assertThat(env.count("SELECT COUNT(*) FROM failed_row"))
                    .as("no failing row had run out of attempts")
                    .isZero();

            // The resumed session sends the rows left waiting first: all of them fail. Until a new row gets through
            // that looks like an outage, so a new row is tried first; the back-offs (as the defaults, only shorter)
            // give the reader the time to hand one in before the first of them runs out of attempts.
            ChildJvm second = env.start(
                    "session-2",
                    Map.of("alias-import.sending.initial-backoff", "200ms", "alias-import.sending.max-backoff", "1s"),
                    command);
            int exit = second.exitCode(Duration.ofSeconds(120));

            assertThat(exit).as(second.describe()).isEqualTo(3);
            long failing = env.count("SELECT COUNT(*) FROM failed_row");
            assertThat(failing).as("about 5%% fail on every attempt").isBetween(20L, 90L);
            assertThat(env.count("SELECT COUNT(*) FROM accepted_row")).isEqualTo(ROWS - failing);
            assertThat(env.count("SELECT COUNT(*) FROM (SELECT line FROM accepted_row UNION SELECT line FROM"
                            + " failed_row) lines"))
                    .as("every line has one outcome")
                    .isEqualTo(ROWS);
            List<Map<String, Object>> failed = env.rows("SELECT failure_type, http_status, attempts FROM failed_row");
            assertThat(failed).allSatisfy(row -> {
                assertThat(row.get("FAILURE_TYPE")).isEqualTo("EXHAUSTED");
                assertThat(row.get("HTTP_STATUS")).isEqualTo(503);
                assertThat(row.get("ATTEMPTS")).isEqualTo(6);
            });
            assertThat(stats.firstAttempts()).as("every row reached the API").isEqualTo(ROWS);
            assertThat(stats.distinctRecords()).isEqualTo(ROWS - failing);
            assertThat(unrecorded)
                    .as("rows the API took that the killed process had not recorded")
                    .isBetween(0L, (long) CONCURRENCY);
            assertThat(stats.duplicateAcceptances() - duplicatesBefore)
                    .as("sent again after the kill")
                    .isEqualTo(unrecorded);
            assertThat(second.out()).contains("run 1,").contains(failing + " exhausted");
        }
    }
}
