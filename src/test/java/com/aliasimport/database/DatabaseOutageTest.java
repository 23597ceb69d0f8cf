package com.aliasimport.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.sandbox.SandboxStats;
import com.aliasimport.support.ChildImports;
import com.aliasimport.support.ChildJvm;
import com.aliasimport.support.PrivatePostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database goes away under a real import in a child JVM: a private PostgreSQL server stopped (fast shutdown,
 * as a failover or a minor upgrade does) and started again; an execution left UNKNOWN; an H2 owner killed.
 */
class DatabaseOutageTest {

    private static final int ROWS = 4000;
    private static final int CONCURRENCY = 8;
    private static final Duration LATENCY = Duration.ofMillis(8);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path home;

    @Test
    @Timeout(240)
    void aRestartOfAFewSecondsIsWaitedForAndEveryRowIsAcceptedOnce() throws InterruptedException {
        try (PrivatePostgres pg = PrivatePostgres.start();
                ChildImports env = new ChildImports(home)) {
            SandboxStats stats = env.sandbox().stats();
            env.sandbox().faults().latency(LATENCY);
            Path file = env.aliases("crm-export.csv", ROWS);
            ChildJvm run = env.start("run", onPostgres(pg, "60s"), command(file));
            awaitAccepted(stats, run, ROWS / 4);

            pg.stopServer();
            long stoppedAt = System.nanoTime();
            // The outage itself: the server stays down for two seconds (the scenario, not a wait for a result).
            Thread.sleep(2_000);
            pg.startServer();
            System.out.printf(
                    "PostgreSQL was down %.1f s at %d rows accepted%n",
                    (System.nanoTime() - stoppedAt) / 1e9, stats.distinctRecords());

            int exit = run.exitCode(Duration.ofSeconds(150));
            assertThat(exit).as(run.describe()).isZero();
            assertThat(run.out()).as(run.describe()).contains("completed: every row accepted.");
            assertThat(stats.distinctRecords()).isEqualTo(ROWS);
            assertThat(stats.duplicateAcceptances()).as("rows accepted twice").isZero();
        }
    }

    @Test
    @Timeout(240)
    void anOutageLongerThanTheWaitStopsWithOneLineAndTheSameCommandResumes() {
        try (PrivatePostgres pg = PrivatePostgres.start();
                ChildImports env = new ChildImports(home)) {
            SandboxStats stats = env.sandbox().stats();
            env.sandbox().faults().latency(LATENCY);
            Path file = env.aliases("crm-export.csv", ROWS);
            ChildJvm first = env.start("first", onPostgres(pg, "5s"), command(file));
            awaitAccepted(stats, first, ROWS / 4);

            pg.stopServer();
            int exit = first.exitCode(Duration.ofSeconds(90));
            assertThat(exit).as(first.describe()).isEqualTo(1);
            String err = first.err().strip();
            assertThat(err.lines().count()).as(first.describe()).isEqualTo(1);
            assertThat(err)
                    .as(first.describe())
                    .startsWith("error: the database at 127.0.0.1:" + pg.port()
                            + " has been unreachable for 5 s: run the same command again when it is back");
            assertThat(stats.distinctRecords()).isLessThan(ROWS);

            pg.startServer();
            env.awaitSandboxIdle(Duration.ofMillis(150), Duration.ofSeconds(10));
            long duplicatesBefore = stats.duplicateAcceptances();
            ChildJvm again = env.start("again", onPostgres(pg, "5s"), command(file));
            assertThat(again.exitCode(Duration.ofSeconds(150)))
                    .as(again.describe())
                    .isZero();
            assertThat(again.out()).as(again.describe()).contains("completed: every row accepted.");
            assertThat(stats.distinctRecords()).isEqualTo(ROWS);
            assertThat(stats.duplicateAcceptances() - duplicatesBefore)
                    .as("rows sent again")
                    .isLessThanOrEqualTo(CONCURRENCY);
        }
    }

    /** H2 this time: the child that owned the database file (AUTO_SERVER) dies, its execution is left UNKNOWN. */
    @Test
    @Timeout(240)
    void anExecutionLeftUnknownByADeadOwnerIsRecoveredByTheNextRun() {
        try (ChildImports env = new ChildImports(home)) {
            SandboxStats stats = env.sandbox().stats();
            env.sandbox().faults().latency(LATENCY);
            Path file = env.aliases("crm-export.csv", ROWS);
            ChildJvm first = env.start("first", command(file));
            awaitAccepted(stats, first, ROWS / 4);
            first.kill();
            env.awaitSandboxIdle(Duration.ofMillis(150), Duration.ofSeconds(10));
            long recorded = env.recordedAcceptances();
            long accepted = stats.distinctRecords();
            // What Spring Batch leaves when the database goes away while it records how a step ended.
            int marked = env.withDatabase(jdbc ->
                    jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'UNKNOWN'," + " EXIT_CODE = 'UNKNOWN'")
                            + jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'UNKNOWN',"
                                    + " EXIT_CODE = 'UNKNOWN', END_TIME = CURRENT_TIMESTAMP"));
            assertThat(marked).isEqualTo(2);

            long duplicatesBefore = stats.duplicateAcceptances();
            ChildJvm again = env.start("again", command(file));
            assertThat(again.exitCode(Duration.ofSeconds(150)))
                    .as(again.describe())
                    .isZero();
            assertThat(again.out()).as(again.describe()).contains("completed: every row accepted.");
            assertThat(stats.distinctRecords()).isEqualTo(ROWS);
            assertThat(stats.duplicateAcceptances() - duplicatesBefore)
                    .as("rows sent again")
                    .isEqualTo(accepted - recorded)
                    .isLessThanOrEqualTo(CONCURRENCY);
            assertThat(env.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'UNKNOWN'"))
                    .isZero();
        }
    }

    private static String[] command(Path file) {
        return new String[] {
            "import", file.toString(), "--concurrency", String.valueOf(CONCURRENCY), "--chunk-size", "200"
        };
    }

    private static Map<String, String> onPostgres(PrivatePostgres pg, String outageWait) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", pg.url());
        p.put("spring.datasource.username", "postgres");
        p.put("spring.datasource.password", "");
        p.put("alias-import.database.outage-wait", outageWait);
        return p;
    }

    private static void awaitAccepted(SandboxStats stats, ChildJvm run, long rows) {
        ChildImports.await(() -> stats.distinctRecords() >= rows || !run.isAlive(), Duration.ofSeconds(90));
        assertThat(run.isAlive())
                .as("the run ended before %d rows were accepted%n%s", rows, run.describe())
                .isTrue();
    }
}
