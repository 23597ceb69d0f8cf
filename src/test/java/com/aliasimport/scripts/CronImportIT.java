package com.aliasimport.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.sandbox.SandboxServer;
import com.aliasimport.sandbox.SandboxSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/cron-import.sh as cron runs it: a real bash, the launcher and the packaged jar (hence an integration test,
 * run by failsafe after {@code package}), against the sandbox API in this JVM and an H2 file database in a
 * temporary folder.
 */
class CronImportIT {

    private static final Path SCRIPT = Path.of("scripts/cron-import.sh").toAbsolutePath();
    private static final Path JAR = Path.of("target/alias-import.jar").toAbsolutePath();
    private static final Instant AN_HOUR_AGO = Instant.now().minusSeconds(3600);

    private static SandboxServer sandbox;

    @TempDir
    Path home;

    Path inbox;

    record Result(int exitCode, String out, String err) {

        String all() {
            return "exit " + exitCode + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    @BeforeAll
    static void startSandbox() {
        assertThat(JAR)
                .as("the packaged jar (this test runs in mvn verify, after package)")
                .isRegularFile();
        sandbox = SandboxServer.start(SandboxSettings.defaults());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void freshInbox() throws IOException {
        inbox = Files.createDirectory(home.resolve("inbox"));
        sandbox.faults().clear();
        sandbox.stats().reset();
    }

    @Test
    void archivesWhatWasImportedRejectsBadFilesAndPointsAtFailedRows() throws Exception {
        ready("a-good.csv", "Account Name,Alias", "ACME,Acme Inc", "Globex,Globex Corp", "Initech,Initech Corp");
        ready("b-bad-header.csv", "Account Name,Alias,Owner", "ACME,Acme Inc,Jane");
        ready(
                "c-same-content-as-a.csv",
                "Account Name,Alias",
                "ACME,Acme Inc",
                "Globex,Globex Corp",
                "Initech,Initech Corp");
        ready("d-some-rows-fail.csv", "Account Name,Alias", "Hooli,Hooli XYZ", "Umbrella,Umbrella", "Stark,");
        write("e-still-being-written.csv", "Account Name,Alias", "Wayne,Wayne Ent");

        Result r = cronImport(Map.of("CRON_IMPORT_MIN_AGE", "600"), inbox.toString(), "--", "--format", "form");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(names(inbox)).containsExactly("archive", "e-still-being-written.csv", "rejected");
        assertThat(names(inbox.resolve("archive")))
                .containsExactly("a-good.csv", "c-same-content-as-a.csv", "d-some-rows-fail.csv");
        assertThat(names(inbox.resolve("rejected"))).containsExactly("b-bad-header.csv", "b-bad-header.csv.error.txt");
        assertThat(Files.readString(inbox.resolve("rejected/b-bad-header.csv.error.txt")))
                .contains("b-bad-header.csv")
                .contains("\"Owner\"")
                .contains("nothing was sent");

        // Only what a person must look at: the rejected file with its reason, the failed rows with the report.
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .contains("REJECTED b-bad-header.csv")
                .contains("\"Owner\" is not a field")
                .contains("FAILED ROWS in d-some-rows-fail.csv")
                .contains("alias-import report --run 2'")
                .contains("1 accepted, 1 rejected")
                .contains("1 invalid")
                .doesNotContain("a-good")
                .doesNotContain("c-same-content")
                .doesNotContain("e-still");

        assertThat(sandbox.stats().accepted())
                .as("a once (c is the same content), then d's good row")
                .isEqualTo(4);
        assertThat(sandbox.stats().duplicateAcceptances()).isZero();
        assertThat(sandbox.stats().lastRequest().contentType())
                .as("options after -- reach import")
                .startsWith("application/x-www-form-urlencoded");
    }

    @Test
    void aFailedRunStopsTheCronRunAndTheNextCronRunResumesIt() throws Exception {
        String[] rows = new String[31];
        rows[0] = "Account Name,Alias";
        for (int i = 1; i <= 30; i++) {
            rows[i] = "Account " + i + ",Alias " + i;
        }
        ready("m-first.csv", rows);
        ready("n-second.csv", "Account Name,Alias", "ACME,Acme Inc");
        sandbox.faults().rejectConfiguration(true);

        Result failed = cronImport(Map.of(), inbox.toString());
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
        assertThat(failed.out())
                .contains("RUN FAILED for m-first.csv (exit 1, run 1)")
                .contains("The selected configuration is invalid")
                .contains("no further files")
                .doesNotContain("n-second");
        assertThat(names(inbox)).containsExactly("m-first.csv", "n-second.csv");
        assertThat(sandbox.stats().accepted()).isZero();

        sandbox.faults().rejectConfiguration(false);
        Result resumed = cronImport(Map.of(), inbox.toString());
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        assertThat(resumed.out()).as("quiet when all is well").isEmpty();
        assertThat(resumed.err()).isEmpty();
        assertThat(names(inbox.resolve("archive"))).containsExactly("m-first.csv", "n-second.csv");
        assertThat(sandbox.stats().distinctRecords()).isEqualTo(31);
        assertThat(sandbox.stats().duplicateAcceptances()).isZero();
    }

    @Test
    void verboseSaysWhatWasArchived() throws Exception {
        ready("a.csv", "Account Name,Alias", "ACME,Acme Inc");
        Result r = cronImport(Map.of(), "-v", inbox.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out())
                .contains("archived a.csv -> " + inbox.resolve("archive/a.csv"))
                .contains("completed: every row accepted")
                .contains("1 file(s) archived");
    }

    @Test
    void aConfigurationErrorLeavesTheFilesWhereTheyAre() throws Exception {
        ready("a.csv", "Account Name,Alias", "ACME,Acme Inc");
        ready("b.csv", "Account Name,Alias", "Globex,Globex Corp");
        Result r = cronImport(Map.of("CUSTOMERGAUGE_CLIENT_ID", ""), inbox.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out())
                .contains("NOT IMPORTED a.csv")
                .contains("no client id")
                .doesNotContain("b.csv");
        assertThat(names(inbox)).containsExactly("a.csv", "b.csv");
    }

    @Test
    void anUnreachableDatabaseIsAFailedRunThatSaysWhy() throws Exception {
        ready("a.csv", "Account Name,Alias", "ACME,Acme Inc");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Result r = cronImport(
                Map.of(
                        "SPRING_DATASOURCE_URL",
                        "jdbc:postgresql://127.0.0.1:" + closed + "/none",
                        "SPRING_DATASOURCE_USERNAME",
                        "postgres"),
                inbox.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out())
                .contains("RUN FAILED for a.csv (exit 1)")
                .contains("could not start")
                .contains("127.0.0.1:" + closed);
        assertThat(names(inbox)).containsExactly("a.csv");
    }

    @Test
    void aSecondCronImportWhileOneRunsExitsAtOnceDoingNothing() throws Exception {
        ready("a.csv", "Account Name,Alias", "ACME,Acme Inc");
        // flock(1), as the script uses: Java's FileLock (fcntl) does not exclude flock(2) locks on Linux.
        Process holder = new ProcessBuilder(
                        "flock", inbox.resolve(".cron-import.lock").toString(), "-c", "echo locked; exec cat")
                .redirectErrorStream(true)
                .start();
        try (var lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("locked");
            Result r = cronImport(Map.of(), inbox.toString());
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(r.out() + r.err()).isEmpty();
            assertThat(names(inbox)).containsExactly("a.csv");
            assertThat(sandbox.stats().requests()).isZero();
        } finally {
            holder.getOutputStream().close(); // cat ends, flock releases the lock
            assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void optionsThatWouldArchiveUnsentFilesAreRefused() throws Exception {
        ready("a.csv", "Account Name,Alias", "ACME,Acme Inc");
        Result r = cronImport(Map.of(), inbox.toString(), "--", "--limit", "5");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--limit makes no sense here");
        assertThat(names(inbox)).containsExactly("a.csv");
    }

    private Result cronImport(Map<String, String> extraEnv, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(SCRIPT.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = pb.environment();
        env.keySet()
                .removeIf(k -> k.startsWith("CUSTOMERGAUGE_")
                        || k.startsWith("SPRING_")
                        || k.startsWith("ALIAS_IMPORT_")
                        || k.startsWith("CRON_IMPORT_"));
        env.put("CUSTOMERGAUGE_TOKEN_URL", sandbox.tokenUrl().toString());
        env.put("CUSTOMERGAUGE_IMPORTS_URL", sandbox.importsUrl().toString());
        env.put("CUSTOMERGAUGE_CLIENT_ID", SandboxSettings.CLIENT_ID);
        env.put("CUSTOMERGAUGE_CLIENT_SECRET", SandboxSettings.CLIENT_SECRET);
        env.put("CUSTOMERGAUGE_CONFIGURATION", SandboxSettings.CONFIGURATION);
        env.put("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + home.resolve("db") + ";AUTO_SERVER=TRUE");
        env.put("ALIAS_IMPORT_SENDING_RATE", "0");
        env.put("ALIAS_IMPORT_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        env.putAll(extraEnv);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("cron-import.sh did not finish in 5 minutes: " + Files.readString(out));
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /** A CSV file written an hour ago: complete, so cron-import takes it. */
    private void ready(String name, String... lines) throws IOException {
        Files.setLastModifiedTime(write(name, lines), FileTime.from(AN_HOUR_AGO));
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(inbox.resolve(name), List.of(lines), StandardCharsets.UTF_8);
    }

    /** The folder's entries, without the lock file, in name order. */
    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(".cron-import.lock"))
                    .sorted()
                    .toList();
        }
    }
}
