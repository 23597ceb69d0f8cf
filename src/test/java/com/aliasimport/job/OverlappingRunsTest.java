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
 * Two processes on the same file, as two cron entries or a cron run and a person would start them: only one sends.
 * A process that holds the run and is alive keeps it, however stuck it is; one that was killed loses it at once.
 */
class OverlappingRunsTest {

    private static final int ROWS = 1200;
    private static final String LOCKED = "^error: another run of .+ is in progress \\(run \\d+, process \\d+ on .+,"
            + " last heartbeat \\d+ s ago\\); nothing was sent\\.$";

    /** Working directory, database, files and logs of the children; kept when the test fails. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path home;

    @Test
    @Timeout(180)
    void twoRunsOfTheSameFileStartedTogetherOneSendsEverythingTheOtherExits4HavingSentNothing() {
        try (ChildImports env = new ChildImports(home)) {
            SandboxStats stats = env.sandbox().stats();
            Path file = env.aliases("nightly.csv", ROWS);
            // Eight seconds of sending, so that whichever comes second finds the first still running (when both
            // open the database at once, H2 makes one of them wait for the other for up to a few seconds).
            String[] command = {"import", file.toString(), "--rate", "150"};
            ChildJvm a = env.start("a", command);
            ChildJvm b = env.start("b", command);
            int exitA = a.exitCode(Duration.ofSeconds(120));
            int exitB = b.exitCode(Duration.ofSeconds(120));

            String both = a.describe() + b.describe();
            assertThat(List.of(exitA, exitB)).as(both).containsExactlyInAnyOrder(0, 4);
            ChildJvm winner = exitA == 0 ? a : b;
            ChildJvm loser = exitA == 0 ? b : a;
            assertThat(winner.out()).as(both).contains("completed: every row accepted.");
            assertThat(loser.out()).as(both).isEmpty();
            assertThat(loser.err().strip()).as(both).matches(LOCKED);

            assertThat(stats.distinctRecords()).isEqualTo(ROWS);
            assertThat(stats.requests()).as("each row sent once").isEqualTo(ROWS);
            assertThat(stats.duplicateAcceptances()).isZero();
            assertThat(stats.tokenRequests())
                    .as("the second run did not even ask for a token")
                    .isEqualTo(1);
            assertThat(env.rows("SELECT status FROM import_run"))
                    .as("one run for the file")
                    .containsExactly(Map.of("STATUS", "COMPLETED"));
            assertThat(env.count("SELECT COUNT(*) FROM run_lock")).isZero();
        }
    }

    @Test
    @Timeout(180)
    void aStuckRunKeepsTheFileAndAKilledOneLosesItAtOnce() {
        try (ChildImports env = new ChildImports(home)) {
            SandboxStats stats = env.sandbox().stats();
            Path file = env.aliases("stuck.csv", 50);
            // Every request hangs: the run is alive (its lock's heartbeat goes on) but sends nothing more.
            env.sandbox().faults().latency(Duration.ofSeconds(120));
            ChildJvm stuck = env.start(
                    "stuck",
                    Map.of("alias-import.http.read-timeout", "300s"),
                    "import",
                    file.toString(),
                    "--concurrency",
                    "4");
            // Unthrottled (as every child run here), its first request goes alone, and hangs.
            ChildImports.await(() -> stats.requests() >= 1 || !stuck.isAlive(), Duration.ofSeconds(90));
            assertThat(stuck.isAlive()).as(stuck.describe()).isTrue();
            long requests = stats.requests();

            ChildJvm second = env.start("second", "import", file.toString());
            assertThat(second.exitCode(Duration.ofSeconds(90)))
                    .as(second.describe())
                    .isEqualTo(4);
            assertThat(second.err().strip()).matches(LOCKED).contains("process " + stuck.pid() + " ");
            assertThat(stats.requests()).as("the second run sent nothing").isEqualTo(requests);
            assertThat(stats.tokenRequests()).isEqualTo(1);
            assertThat(stuck.isAlive()).as("the stuck run was left alone").isTrue();

            stuck.kill();
            env.sandbox().faults().latency(Duration.ZERO);
            ChildJvm third = env.start("third", "import", file.toString());
            assertThat(third.exitCode(Duration.ofSeconds(90)))
                    .as(third.describe())
                    .isZero();
            // The dead owner's heartbeat was seconds old, far from stale: only the process check can have let
            // the third run in.
            assertThat(third.log()).contains("took over lock").contains("from dead process " + stuck.pid() + " ");
            assertThat(third.out()).contains("completed: every row accepted.");
            assertThat(stats.distinctRecords()).isEqualTo(50);
            assertThat(stats.duplicateAcceptances()).isZero();
            assertThat(env.rows("SELECT status FROM import_run")).containsExactly(Map.of("STATUS", "COMPLETED"));
        }
    }
}
