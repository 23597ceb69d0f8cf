package com.aliasimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.sandbox.SandboxStats;
import com.aliasimport.support.ChildImports;
import com.aliasimport.support.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SIGTERM (systemd, {@code timeout}, Kubernetes) and SIGINT (Ctrl-C) to a real import in a child JVM while requests
 * are in flight: the run stops within seconds with the shell's code for the signal and one line on stderr, the
 * answers in flight are recorded (no row the API took is sent again), the run is left resumable, and the same
 * command finishes it with a summary whose rate counts both sessions' rows and time.
 */
class StopSignalTest {

    private static final int ROWS = 2000;
    private static final int CONCURRENCY = 8;
    /** Slow answers, so that requests are surely on the wire when the signal comes. */
    private static final Duration LATENCY = Duration.ofMillis(25);

    private static final Pattern SUMMARY_TIME = Pattern.compile("\\((\\d+\\.\\d) s, (\\d+\\.\\d) rows/s\\)");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path home;

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"TERM, 143", "INT, 130"})
    @Timeout(180)
    void aSignalStopsTheRunResumablyAndTheSameCommandFinishesIt(String signal, int expectedExit) {
        try (ChildImports env = new ChildImports(home)) {
            SandboxStats stats = env.sandbox().stats();
            env.sandbox().faults().latency(LATENCY);
            Path file = env.aliases("crm-export.csv", ROWS);
            String[] command = {
                "import", file.toString(), "--concurrency", String.valueOf(CONCURRENCY), "--chunk-size", "100"
            };

            ChildJvm first = env.start("first", command);
            // Signalled while requests are on the wire (between two answers there may be none for a moment).
            ChildImports.await(
                    () -> stats.distinctRecords() >= 500 && stats.concurrentRequests() > 0 || !first.isAlive(),
                    Duration.ofSeconds(90));
            assertThat(first.isAlive())
                    .as("still sending when signalled%n%s", first.describe())
                    .isTrue();
            long signalled = System.nanoTime();
            first.signal(signal);
            int exit = first.exitCode(Duration.ofSeconds(30));
            Duration toStop = Duration.ofNanos(System.nanoTime() - signalled);
            env.awaitSandboxIdle(Duration.ofMillis(150), Duration.ofSeconds(10));

            assertThat(exit).as(first.describe()).isEqualTo(expectedExit);
            assertThat(toStop)
                    .as("time from the signal to the end of the process")
                    .isLessThan(Duration.ofSeconds(5));
            List<String> errLines =
                    first.err().lines().filter(l -> !l.isBlank()).toList();
            assertThat(errLines)
                    .as(first.describe())
                    .containsExactly(
                            "stopped by SIG" + signal + ": nothing is lost; run the same command again to resume.");
            assertThat(first.out() + first.err()).doesNotContain("Exception").doesNotContain("\tat ");
            long takenByApi = stats.distinctRecords();
            assertThat(takenByApi).as("stopped half way").isLessThan(ROWS);
            // The answers in flight were awaited: every row the API took is recorded, none will be sent again.
            assertThat(env.recordedAcceptances())
                    .as("rows recorded as accepted")
                    .isEqualTo(takenByApi);
            Map<String, Object> run = env.rows("SELECT status, active_millis, accepted FROM import_run")
                    .get(0);
            assertThat(run).as("the run, left resumable").containsEntry("STATUS", "FAILED");
            long firstMillis = ((Number) run.get("ACTIVE_MILLIS")).longValue();
            assertThat(firstMillis)
                    .as("the stopped session's sending time is recorded")
                    .isPositive();
            assertThat(env.count("SELECT COUNT(*) FROM run_lock"))
                    .as("run_lock released")
                    .isZero();
            assertThat(env.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS NOT IN ('COMPLETED',"
                            + " 'FAILED', 'STOPPED')"))
                    .as("no execution left running")
                    .isZero();

            ChildJvm second = env.start("second", command);
            assertThat(second.exitCode(Duration.ofSeconds(120)))
                    .as(second.describe())
                    .isZero();
            assertThat(second.out()).contains("completed: every row accepted.");
            assertThat(second.log())
                    .as("resumed, not recovered from a dead process")
                    .doesNotContain("recovering execution");
            assertThat(stats.distinctRecords()).as("every row reached the API").isEqualTo(ROWS);
            assertThat(stats.duplicateAcceptances())
                    .as("rows the API took twice")
                    .isZero();

            // The summary's rate is all rows over both sessions' time, not all rows over the last session's.
            Matcher m = SUMMARY_TIME.matcher(second.out());
            assertThat(m.find()).as(second.out()).isTrue();
            double seconds = Double.parseDouble(m.group(1));
            double rate = Double.parseDouble(m.group(2));
            long totalMillis = env.count("SELECT active_millis FROM import_run");
            assertThat(seconds).isCloseTo(totalMillis / 1000.0, org.assertj.core.data.Offset.offset(0.051));
            assertThat(totalMillis).as("both sessions' time").isGreaterThan(firstMillis);
            assertThat(rate).isCloseTo(ROWS / (totalMillis / 1000.0), org.assertj.core.data.Offset.offset(0.2));
            double lastSessionOnly = ROWS / ((totalMillis - firstMillis) / 1000.0);
            assertThat(rate).as("not all rows over the last session's time").isLessThan(lastSessionOnly * 0.9);
        }
    }
}
