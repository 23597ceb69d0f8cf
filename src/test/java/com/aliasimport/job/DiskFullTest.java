package com.aliasimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.sandbox.SandboxStats;
import com.aliasimport.support.ChildImports;
import com.aliasimport.support.ChildJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a child JVM imports with its working folder (database, acceptance journal, log) on a small
 * tmpfs that a filler file has nearly filled. The run must stop with one line naming the full folder, exit 1, print
 * nothing of the logging framework, lose nothing, and finish with the same command once the filler is gone.
 * Mounting needs root (or a container that allows it): elsewhere the test is skipped, saying so.
 */
class DiskFullTest {

    private static final int ROWS = 20_000;
    private static final int CONCURRENCY = 8;
    private static final long DISK = 8L << 20;
    /** Room left beside the filler: enough to start and send a few thousand rows, not to finish. */
    private static final long ROOM = 1_500L << 10;

    private static Path mountPoint;

    /** Where the children's stdout and stderr go: off the full disk, as a terminal or cron's mail would be. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path console;

    @BeforeAll
    static void mountSmallDisk() throws IOException, InterruptedException {
        mountPoint = Files.createTempDirectory("alias-import-disk-full");
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + DISK, "tmpfs", mountPoint.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(mount.getInputStream().readAllBytes());
        boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        if (!mounted) {
            Files.deleteIfExists(mountPoint);
            mountPoint = null;
        }
        Assumptions.assumeTrue(mounted, "skipped: cannot mount a small tmpfs to fill (needs root): " + output.strip());
    }

    @AfterAll
    static void unmount() throws IOException, InterruptedException {
        if (mountPoint != null) {
            new ProcessBuilder("umount", mountPoint.toString())
                    .inheritIO()
                    .start()
                    .waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(mountPoint);
        }
    }

    @Test
    @Timeout(240)
    void aFullDiskStopsTheRunWithOneLineAndTheSameCommandFinishesOnceThereIsSpace() throws IOException {
        try (ChildImports env = new ChildImports(mountPoint)) {
            SandboxStats stats = env.sandbox().stats();
            Path file = env.aliases("crm-export.csv", ROWS);
            Path filler = mountPoint.resolve("filler");
            fill(filler, Files.getFileStore(mountPoint).getUsableSpace() - ROOM);
            String[] command = {"import", file.toString(), "--concurrency", String.valueOf(CONCURRENCY)};

            // Slow answers, so that the session runs past a few heartbeats before the disk fills.
            env.sandbox().faults().latency(Duration.ofMillis(8));
            ChildJvm full = ChildJvm.start(mountPoint, console, "full", env.properties(), command);
            int exit = full.exitCode(Duration.ofSeconds(120));

            assertThat(exit).as(full.describe()).isEqualTo(1);
            List<String> errLines = full.err().lines().filter(l -> !l.isBlank()).toList();
            assertThat(errLines).as(full.describe()).hasSize(1);
            assertThat(errLines.get(0))
                    .as(full.describe())
                    .startsWith("error: the disk holding " + mountPoint)
                    .containsPattern("is full \\((\\d+ bytes|[\\d.]+ KB|[\\d.]+ MB) left\\): free some space and run"
                            + " the same command again$");
            assertThat(full.out() + full.err())
                    .as("no logging-framework output on the console")
                    .doesNotContain("|-ERROR")
                    .doesNotContain("\tat ")
                    .doesNotContain("Exception")
                    .doesNotContain("logback");
            assertThat(stats.distinctRecords())
                    .as("the disk filled before the run could finish")
                    .isLessThan(ROWS);

            env.sandbox().faults().latency(Duration.ZERO);
            Files.delete(filler);
            // The database failed under the session, which could not add its time: its heartbeats had recorded it.
            long diedAfterMillis = env.count("SELECT session_millis FROM import_run");
            assertThat(diedAfterMillis)
                    .as("the first session's time, as its heartbeats recorded it")
                    .isPositive();
            ChildJvm resumed = ChildJvm.start(mountPoint, console, "resumed", env.properties(), command);
            assertThat(resumed.exitCode(Duration.ofSeconds(120)))
                    .as(resumed.describe())
                    .isZero();
            assertThat(resumed.out()).contains("completed: every row accepted.");
            assertThat(stats.distinctRecords()).as("every row reached the API").isEqualTo(ROWS);
            // Only rows whose acceptance could not be written when the disk filled are sent again.
            assertThat(stats.duplicateAcceptances())
                    .as("rows the API took twice")
                    .isLessThanOrEqualTo(CONCURRENCY);
            assertThat(env.count("SELECT COUNT(*) FROM accepted_row")).isEqualTo(ROWS);
            assertThat(env.rows("SELECT status FROM import_run").get(0)).containsEntry("STATUS", "COMPLETED");
            // Both sessions' time, so the rate is every row over all the time spent sending them.
            Matcher summary =
                    Pattern.compile("\\((\\d+\\.\\d) s, (\\d+\\.\\d) rows/s\\)").matcher(resumed.out());
            assertThat(summary.find()).as(resumed.out()).isTrue();
            double seconds = Double.parseDouble(summary.group(1));
            assertThat(seconds * 1000)
                    .as("the run's time includes the session the full disk stopped")
                    .isGreaterThan(diedAfterMillis);
            assertThat(Double.parseDouble(summary.group(2))).isCloseTo(ROWS / seconds, Percentage.withPercentage(1));
        }
    }

    private static void fill(Path filler, long bytes) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (long left = bytes; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }
}
