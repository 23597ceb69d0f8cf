package com.aliasimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.sandbox.SandboxStats;
import com.aliasimport.support.ChildImports;
import com.aliasimport.support.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments of a real import in a child JVM, then the same command again, until it completes.
 * <p>
 * The claim under test: the re-run finds the dead run by itself (no SQL, no flag) and resumes it; no row is lost;
 * the rows sent twice are exactly those the API had taken when the process died but whose acceptance it had not yet
 * recorded. Each sender thread records a row's 200 before it takes the next row, so those are at most the requests
 * in flight: the bound asserted is {@code --concurrency} per kill, and the duplicates the API saw must equal the
 * unrecorded acceptances counted after each kill.
 * <p>
 * The kill points are drawn from a fixed seed (printed; {@code -Dcrash.seed=N} draws others) in four windows:
 * before the first checkpoint (the first chunk is sent slowly so that the kill surely lands before it commits),
 * in the middle of a chunk, the moment a chunk's last row has been taken (the writer is recording it, the step is
 * about to commit the checkpoint and read the next chunk), and the moment the file's last row has been taken (the
 * job is ending). Each kill point is at least a chunk past the previous one, so the rows a kill leaves unrecorded
 * are re-sent, in the first chunk of the next session, before the next kill: the re-sends of each crash are counted
 * on their own.
 * <p>
 * {@code -Dchild.db-url-options=;WRITE_DELAY=500} runs the children with H2's default commit delay instead of the
 * product's: the test then fails with hundreds of rows re-sent per kill.
 */
class CrashRecoveryTest {

    private static final int ROWS = 3000;
    private static final int CHUNK = 200;
    private static final int CONCURRENCY = 8;
    private static final Duration LATENCY = Duration.ofMillis(3);
    private static final Duration SLOW_FIRST_CHUNK = Duration.ofMillis(30);

    /** Working directory, database, files and logs of the children; kept when the test fails. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path home;

    private enum Moment {
        BEFORE_FIRST_CHECKPOINT,
        MID_CHUNK,
        CHUNK_BOUNDARY,
        AFTER_LAST_ROW
    }

    /** Where kill {@code n} falls: its moment and the window of rows accepted by the API to draw it from. */
    private record Plan(Moment moment, long from, long to) {}

    /** What a kill left behind: rows the API had taken, rows recorded as accepted, the checkpoint. */
    private record Kill(
            int number, Moment moment, long target, long accepted, long recorded, long checkpoint, double seconds) {

        /** Rows the API took that the killed process had not recorded: the next session sends them again. */
        long unrecorded() {
            return accepted - recorded;
        }
    }

    private static final List<Plan> PLANS = List.of(
            new Plan(Moment.BEFORE_FIRST_CHECKPOINT, 10, 80),
            new Plan(Moment.MID_CHUNK, 500, 1300),
            new Plan(Moment.CHUNK_BOUNDARY, 1500, 2300),
            new Plan(Moment.AFTER_LAST_ROW, ROWS, ROWS));

    @Test
    @Timeout(240)
    void killedAtRandomMomentsItResumesByItselfLosesNothingAndResendsOnlyWhatWasInFlight() {
        long seed = Long.getLong("crash.seed", 20_260_611L);
        Random random = new Random(seed);
        try (ChildImports env = new ChildImports(home)) {
            SandboxStats stats = env.sandbox().stats();
            Path file = env.aliases("crm-export.csv", ROWS);
            String[] command = {
                "import",
                file.toString(),
                "--concurrency",
                String.valueOf(CONCURRENCY),
                "--chunk-size",
                String.valueOf(CHUNK)
            };
            List<ChildJvm> sessions = new ArrayList<>();
            List<Kill> kills = new ArrayList<>();
            // The API's duplicate count when each session started, and at the end.
            List<Long> duplicatesAt = new ArrayList<>();

            long acceptedBefore = 0;
            for (Plan plan : PLANS) {
                int n = kills.size() + 1;
                // At least a chunk past the last kill: the re-sends it causes are over before this kill.
                long from = kills.isEmpty() ? plan.from() : Math.max(plan.from(), acceptedBefore + CHUNK + 1);
                long target = killPoint(plan, from, random);
                env.sandbox()
                        .faults()
                        .latency(plan.moment() == Moment.BEFORE_FIRST_CHECKPOINT ? SLOW_FIRST_CHUNK : LATENCY);
                duplicatesAt.add(stats.duplicateAcceptances());
                ChildJvm session = env.start("session-" + n, command);
                sessions.add(session);
                ChildImports.await(
                        () -> stats.distinctRecords() >= target || !session.isAlive(), Duration.ofSeconds(90));
                assertThat(session.isAlive())
                        .as(
                                "session %d ended before its kill point (%d rows accepted)%n%s",
                                n, target, session.describe())
                        .isTrue();
                session.kill();
                double seconds = session.elapsed().toMillis() / 1000.0;
                env.awaitSandboxIdle(Duration.ofMillis(150), Duration.ofSeconds(10));

                long accepted = stats.distinctRecords();
                long recorded = env.recordedAcceptances();
                // Where a resumed run starts reading: the oldest row without an outcome at the last commit.
                long checkpoint = env.checkpointPosition();
                kills.add(new Kill(n, plan.moment(), target, accepted, recorded, checkpoint, seconds));
                acceptedBefore = accepted;
            }

            env.sandbox().faults().latency(LATENCY);
            duplicatesAt.add(stats.duplicateAcceptances());
            ChildJvm last = env.start("session-" + (kills.size() + 1), command);
            sessions.add(last);
            int exit = last.exitCode(Duration.ofSeconds(120));
            duplicatesAt.add(stats.duplicateAcceptances());
            // Kill i's re-sends happen in session i + 1 (and only there: the next kill is a chunk further on).
            List<Long> resent = new ArrayList<>();
            for (int i = 0; i < kills.size(); i++) {
                resent.add(duplicatesAt.get(i + 2) - duplicatesAt.get(i + 1));
            }
            long duplicates = stats.duplicateAcceptances();
            report(seed, kills, resent, duplicates);
            System.out.printf(
                    "  last session: exit %d after %.1f s: %s%n",
                    exit,
                    last.elapsed().toMillis() / 1000.0,
                    last.out().strip().replace(System.lineSeparator(), " / "));

            assertThat(exit).as(last.describe()).isZero();
            // Killed after its last row, the run may have been recorded as complete already.
            assertThat(last.out())
                    .as(last.describe())
                    .containsAnyOf("completed: every row accepted.", "was already imported by run");
            assertThat(kills.get(0).checkpoint())
                    .as("the first kill came before the first checkpoint")
                    .isZero();
            for (int i = 1; i < kills.size(); i++) {
                // Seconds after the kill the dead owner's heartbeat was far from stale: the process check did it.
                assertThat(sessions.get(i).log())
                        .as("session %d found the dead run by itself", i + 1)
                        .contains("from dead process " + sessions.get(i - 1).pid() + " ")
                        .contains("recovering execution");
            }

            assertThat(stats.distinctRecords()).as("every row reached the API").isEqualTo(ROWS);
            long unrecorded = 0;
            for (int i = 0; i < kills.size(); i++) {
                Kill k = kills.get(i);
                assertThat(k.unrecorded())
                        .as("kill %d: rows the API took but nobody recorded", k.number())
                        .isBetween(0L, (long) CONCURRENCY);
                assertThat(resent.get(i))
                        .as("kill %d: rows the next session sent again", k.number())
                        .isEqualTo(k.unrecorded());
                unrecorded += k.unrecorded();
            }
            assertThat(duplicates)
                    .as("rows the API took twice")
                    .isEqualTo(unrecorded)
                    .isLessThanOrEqualTo((long) kills.size() * CONCURRENCY);

            assertDatabaseConsistent(env);
            for (ChildJvm session : sessions) {
                assertThat(session.out() + session.err())
                        .as("console of %s", session.name())
                        .doesNotContain("Exception")
                        .doesNotContain("\tat ");
            }
        }
    }

    private static long killPoint(Plan plan, long from, Random random) {
        long to = Math.max(from, plan.to());
        switch (plan.moment()) {
            case CHUNK_BOUNDARY: {
                long first = (from + CHUNK - 1) / CHUNK;
                long lastChunk = Math.max(first, to / CHUNK);
                return CHUNK * (first + (long) random.nextInt((int) (lastChunk - first + 1)));
            }
            case MID_CHUNK: {
                long point;
                do {
                    point = from + (long) random.nextInt((int) (to - from + 1));
                } while (point % CHUNK < 20 || point % CHUNK > CHUNK - 20);
                return point;
            }
            default:
                return from + random.nextInt((int) (to - from + 1));
        }
    }

    private static void assertDatabaseConsistent(ChildImports env) {
        assertThat(env.rows("SELECT COUNT(*) AS n, COUNT(DISTINCT line) AS lines, MIN(line) AS first,"
                                + " MAX(line) AS last FROM accepted_row")
                        .get(0))
                .as("accepted_row: one row per data line")
                .containsEntry("N", (long) ROWS)
                .containsEntry("LINES", (long) ROWS)
                .containsEntry("FIRST", 2L)
                .containsEntry("LAST", (long) ROWS + 1);
        assertThat(env.count("SELECT COUNT(*) FROM failed_row"))
                .as("failed_row")
                .isZero();
        List<Map<String, Object>> runs = env.rows("SELECT id, status, accepted FROM import_run");
        assertThat(runs).as("import_run: one run for the file").hasSize(1);
        assertThat(runs.get(0)).containsEntry("STATUS", "COMPLETED").containsEntry("ACCEPTED", (long) ROWS);
        assertThat(env.count("SELECT COUNT(*) FROM run_lock"))
                .as("run_lock released")
                .isZero();
        assertThat(env.rows("SELECT JOB_EXECUTION_ID, STATUS FROM BATCH_JOB_EXECUTION"
                        + " WHERE STATUS NOT IN ('COMPLETED', 'FAILED')"))
                .as("no execution left running")
                .isEmpty();
        assertThat(env.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STATUS NOT IN ('COMPLETED', 'FAILED')"))
                .as("no step execution left running")
                .isZero();
        assertThat(env.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'"))
                .isEqualTo(1);
    }

    private static void report(long seed, List<Kill> kills, List<Long> resent, long duplicates) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                "crash test (seed %d; -Dcrash.seed=N replays another): %d rows, --concurrency %d,"
                        + " --chunk-size %d: %d kills, %d rows sent twice (bound asserted: kills x concurrency = %d)%n",
                seed, ROWS, CONCURRENCY, CHUNK, kills.size(), duplicates, kills.size() * CONCURRENCY));
        for (int i = 0; i < kills.size(); i++) {
            Kill k = kills.get(i);
            s.append(String.format(
                    "  kill %d %-23s aimed at %4d accepted, died at %4d after %4.1f s; checkpoint"
                            + " %4d rows; %d accepted but unrecorded; re-sent after it: %d%n",
                    k.number(),
                    k.moment(),
                    k.target(),
                    k.accepted(),
                    k.seconds(),
                    k.checkpoint(),
                    k.unrecorded(),
                    resent.get(i)));
        }
        System.out.print(s);
    }
}
