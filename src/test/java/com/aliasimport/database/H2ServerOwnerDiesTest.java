package com.aliasimport.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.outcome.AcceptanceJournal;
import com.aliasimport.sandbox.SandboxStats;
import com.aliasimport.support.ChildImports;
import com.aliasimport.support.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two imports of different files share the default H2 set-up (one file, {@code AUTO_SERVER}, {@code AUTO_RECONNECT}):
 * the first to open the file (A) serves it over TCP to the other (B). A is killed with SIGKILL in the middle of both
 * imports: B loses its server under open connections and in-flight transactions, must reopen the file itself (and
 * become its server), and carry on. Then A's command resumes A's import.
 * <p>
 * (A stale lock left by a killed owner not blocking the next run is what {@code DatabaseOutageTest}'s H2 case and
 * {@code CrashRecoveryTest} already show on every restart after a kill.)
 */
class H2ServerOwnerDiesTest {

    private static final int ROWS_A = 16000;
    private static final int ROWS_B = 4000;
    private static final int CONCURRENCY = 8;
    private static final Duration LATENCY = Duration.ofMillis(8);
    private static final String B_PREFIX = "Branch ";
    private static final Predicate<Map<String, String>> OF_B =
            r -> r.values().stream().anyMatch(v -> v.startsWith(B_PREFIX));
    private static final Predicate<Map<String, String>> OF_A = OF_B.negate();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path home;

    @Test
    @Timeout(300)
    void theOtherProcessCarriesOnWhenTheServingOneIsKilledAndTheKilledOneResumes() {
        try (ChildImports env = new ChildImports(home)) {
            SandboxStats stats = env.sandbox().stats();
            Path fileA = env.aliases("crm-export.csv", ROWS_A);
            Path fileB = aliases(home.resolve("branch-export.csv"), ROWS_B);
            ChildJvm b = startBothAndKillA(env, fileA, fileB, h2(env));

            int exitB = b.exitCode(Duration.ofSeconds(150));
            assertThat(exitB).as(b.describe()).isZero();
            assertThat(b.out()).as(b.describe()).contains("completed: every row accepted.");
            assertThat(b.err()).as(b.describe()).isEmpty();
            assertThat(b.log())
                    .as("B lost its server and waited for the database")
                    .contains("stopped answering")
                    .contains("the database is back; carrying on");
            assertThat(count(stats, OF_B)).as("B's rows accepted").isEqualTo(ROWS_B);
            assertThat(duplicates(stats, OF_B)).as("B's rows accepted twice").isZero();
            assertThat(runAccepted(env, fileB)).as("B's accepted_row").isEqualTo(ROWS_B);

            resumeA(env, fileA);
        }
    }

    /**
     * When the file is not back in time (an outage wait of 0 s: no wait at all), B stops with exit 1 and one line,
     * and its same command resumes it; A's too.
     */
    @Test
    @Timeout(300)
    void withoutTimeToWaitTheOtherProcessStopsWithOneLineAndTheSameCommandResumesIt() {
        try (ChildImports env = new ChildImports(home)) {
            SandboxStats stats = env.sandbox().stats();
            Path fileA = env.aliases("crm-export.csv", ROWS_A);
            Path fileB = aliases(home.resolve("branch-export.csv"), ROWS_B);
            Map<String, String> noWait = new HashMap<>(h2(env));
            noWait.put("alias-import.database.outage-wait", "0s");
            ChildJvm b = startBothAndKillA(env, fileA, fileB, noWait);

            assertThat(b.exitCode(Duration.ofSeconds(150))).as(b.describe()).isEqualTo(1);
            String err = b.err().strip();
            assertThat(err.lines().count()).as(b.describe()).isEqualTo(1);
            assertThat(err)
                    .as(b.describe())
                    .startsWith("error: the database at jdbc:h2:file:" + home.resolve("db")
                            + " has been unreachable for 0 s: run the same command again when it is back");
            assertThat(count(stats, OF_B)).as("B stopped part way").isLessThan(ROWS_B);

            env.awaitSandboxIdle(Duration.ofMillis(150), Duration.ofSeconds(10));
            long acceptedB = count(stats, OF_B);
            long recordedB = recorded(env, fileB);
            ChildJvm bAgain = env.start("b-again", h2(env), command(fileB));
            assertThat(bAgain.exitCode(Duration.ofSeconds(150)))
                    .as(bAgain.describe())
                    .isZero();
            assertThat(bAgain.out()).as(bAgain.describe()).contains("completed: every row accepted.");
            assertThat(count(stats, OF_B)).as("B's rows accepted").isEqualTo(ROWS_B);
            assertThat(duplicates(stats, OF_B))
                    .as("B's rows sent again")
                    .isEqualTo(acceptedB - recordedB)
                    .isLessThanOrEqualTo(CONCURRENCY);
            assertThat(runAccepted(env, fileB)).as("B's accepted_row").isEqualTo(ROWS_B);

            resumeA(env, fileA);
        }
    }

    /** A opens the file first (and serves it), B joins through A's server, both send; A is killed with SIGKILL. */
    private static ChildJvm startBothAndKillA(ChildImports env, Path fileA, Path fileB, Map<String, String> forB) {
        SandboxStats stats = env.sandbox().stats();
        env.sandbox().faults().latency(LATENCY);
        ChildJvm a = env.start("a", h2(env), command(fileA));
        awaitAccepted(stats, a, OF_A, 200);
        ChildJvm b = env.start("b", forB, command(fileB));
        awaitAccepted(stats, b, OF_B, 400);
        assertThat(a.isAlive()).as(a.describe()).isTrue();
        a.kill();
        System.out.printf("A killed at %d of its rows accepted, B at %d%n", count(stats, OF_A), count(stats, OF_B));
        return b;
    }

    /**
     * A's same command finishes A's import: what the API took from A but A had not recorded is sent again, at most
     * the requests in flight (as CrashRecoveryTest bounds it). Run once B has ended, so the journals left are A's.
     */
    private void resumeA(ChildImports env, Path fileA) {
        SandboxStats stats = env.sandbox().stats();
        env.awaitSandboxIdle(Duration.ofMillis(150), Duration.ofSeconds(10));
        long acceptedA = count(stats, OF_A);
        long recordedA = recorded(env, fileA);
        assertThat(acceptedA).as("A was stopped part way").isLessThan(ROWS_A);

        ChildJvm again = env.start("a-again", h2(env), command(fileA));
        assertThat(again.exitCode(Duration.ofSeconds(150))).as(again.describe()).isZero();
        assertThat(again.out()).as(again.describe()).contains("completed: every row accepted.");
        assertThat(count(stats, OF_A)).as("A's rows accepted").isEqualTo(ROWS_A);
        assertThat(duplicates(stats, OF_A))
                .as("A's rows sent again")
                .isEqualTo(acceptedA - recordedA)
                .isLessThanOrEqualTo(CONCURRENCY);
        assertThat(runAccepted(env, fileA)).as("A's accepted_row").isEqualTo(ROWS_A);
        assertThat(env.count("SELECT COUNT(*) FROM import_run WHERE status <> 'COMPLETED'"))
                .isZero();
        assertThat(env.count("SELECT COUNT(*) FROM run_lock"))
                .as("run_lock released")
                .isZero();
    }

    /** The product's default H2 options: AUTO_RECONNECT is what lets B outlive its server. */
    private static Map<String, String> h2(ChildImports env) {
        return Map.of("spring.datasource.url", env.databaseUrl() + ";AUTO_RECONNECT=TRUE");
    }

    private static long runAccepted(ChildImports env, Path file) {
        return env.count(
                "SELECT COUNT(*) FROM accepted_row r JOIN import_run i ON i.id = r.run_id" + " WHERE i.file_name = ?",
                file.getFileName().toString());
    }

    /**
     * Rows of {@code file}'s run recorded as accepted: in accepted_row or in that run's journal, not yet moved there.
     * (ChildImports.recordedAcceptances counts the lines of a single file's run.)
     */
    private static long recorded(ChildImports env, Path file) {
        long run = env.count(
                "SELECT id FROM import_run WHERE file_name = ?",
                file.getFileName().toString());
        Set<Long> lines = new HashSet<>(env.withDatabase(
                jdbc -> jdbc.queryForList("SELECT line FROM accepted_row WHERE run_id = ?", Long.class, run)));
        if (Files.isDirectory(env.journalDir())) {
            try (Stream<Path> files = Files.list(env.journalDir())) {
                files.filter(f -> f.getFileName().toString().startsWith("run-" + run + "-"))
                        .forEach(f -> AcceptanceJournal.read(f).forEach(row -> lines.add(row.line())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines.size();
    }

    private static long count(SandboxStats stats, Predicate<Map<String, String>> which) {
        return stats.acceptedRecords().keySet().stream().filter(which).count();
    }

    private static long duplicates(SandboxStats stats, Predicate<Map<String, String>> which) {
        return stats.acceptedRecords().entrySet().stream()
                .filter(e -> which.test(e.getKey()))
                .mapToLong(e -> e.getValue() - 1)
                .sum();
    }

    private static Path aliases(Path file, int rows) {
        StringBuilder csv = new StringBuilder("Account Name,Alias\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(B_PREFIX)
                    .append("Account ")
                    .append(i)
                    .append(',')
                    .append(B_PREFIX)
                    .append("Alias ")
                    .append(i)
                    .append('\n');
        }
        try {
            return Files.writeString(file, csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] command(Path file) {
        return new String[] {
            "import", file.toString(), "--concurrency", String.valueOf(CONCURRENCY), "--chunk-size", "200"
        };
    }

    private static void awaitAccepted(
            SandboxStats stats, ChildJvm run, Predicate<Map<String, String>> which, long rows) {
        ChildImports.await(() -> count(stats, which) >= rows || !run.isAlive(), Duration.ofSeconds(90));
        assertThat(run.isAlive())
                .as("%s ended before %d rows were accepted%n%s", run.name(), rows, run.describe())
                .isTrue();
    }
}
