package com.aliasimport.support;

import com.aliasimport.sandbox.SandboxServer;
import com.aliasimport.sandbox.SandboxSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;

/**
 * Base of the end-to-end tests: the whole application context, a real H2 file database in a temporary folder,
 * and the sandbox API on loopback configured as if it were a real tenant (so faults can be injected mid-run).
 * Each subclass gets its own database and sandbox. A subclass annotated {@link PostgresDatabase} runs against a
 * fresh PostgreSQL database instead (and is skipped when no server is reachable).
 * <p>
 * To run a test class on PostgreSQL too, extend it with an empty subclass annotated {@code @PostgresDatabase}
 * (as {@code RetryFailedPostgresTest} does), or, when only some of its tests depend on the database, move those
 * into an abstract class extended twice, as {@code job.ImportScenarios} is by {@code ImportJobTest} (H2, plus
 * the file-level tests) and {@code ImportJobPostgresTest}. Read database rows through {@link #jdbc}'s maps, whose
 * keys ignore case (H2 answers {@code LINE}, PostgreSQL {@code line}).
 */
@org.springframework.test.annotation.DirtiesContext
@SpringBootTest(properties = {"alias-import.cli.enabled=false", "logging.file.name=", "logging.threshold.console=WARN"})
public abstract class SandboxImportTest {

    protected static final String SECRET = "sandbox-secret-must-never-leak";

    protected static SandboxServer sandbox;
    protected static Path home;

    @Autowired
    protected CommandLine.IFactory factory;

    @Autowired
    protected JdbcTemplate jdbc;

    protected Cli cli;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        home = Files.createTempDirectory("alias-import-test");
        sandbox = SandboxServer.start(
                SandboxSettings.defaults().withClientCredentials(SandboxSettings.CLIENT_ID, SECRET));
        Path h2 = home.resolve("db");
        registry.add(
                "spring.datasource.url",
                () -> PostgresDatabase.Extension.current()
                        .map(PostgresDatabase.Extension.Database::url)
                        .orElse("jdbc:h2:file:" + h2 + ";AUTO_SERVER=TRUE"));
        // null (not set) on H2: application.yml's user applies.
        registry.add(
                "spring.datasource.username",
                () -> PostgresDatabase.Extension.current()
                        .map(PostgresDatabase.Extension.Database::user)
                        .orElse(null));
        registry.add(
                "spring.datasource.password",
                () -> PostgresDatabase.Extension.current()
                        .map(PostgresDatabase.Extension.Database::password)
                        .orElse(null));
        registry.add("alias-import.token-url", () -> sandbox.tokenUrl().toString());
        registry.add("alias-import.imports-url", () -> sandbox.importsUrl().toString());
        registry.add("alias-import.api-url", () -> sandbox.baseUrl().toString());
        registry.add("alias-import.client-id", () -> SandboxSettings.CLIENT_ID);
        registry.add("alias-import.client-secret", () -> SECRET);
        registry.add("alias-import.configuration", () -> SandboxSettings.CONFIGURATION);
        registry.add("alias-import.sending.initial-backoff", () -> "20ms");
        registry.add("alias-import.sending.max-backoff", () -> "100ms");
        registry.add("alias-import.sending.rate", () -> "0");
        registry.add("alias-import.journal-dir", () -> home.resolve("journal").toString());
        registry.add("alias-import.http.read-timeout", () -> "1s");
    }

    @AfterAll
    static void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @BeforeEach
    void resetSandbox() {
        cli = new Cli(factory);
        sandbox.faults().clear();
        sandbox.stats().reset();
    }

    /** Writes a CSV file (UTF-8) into the test's folder. */
    protected static Path csv(String name, String... lines) throws IOException {
        Path file = home.resolve(name);
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * A file of {@code rows} distinct valid aliases, with a header. Aliases carry the file name, so two files
     * never have the same content (which would make the second "already imported").
     */
    protected static Path aliases(String name, int rows) throws IOException {
        String[] lines = new String[rows + 1];
        lines[0] = "Account Name,Alias";
        for (int i = 1; i <= rows; i++) {
            lines[i] = "Account " + i + ",Alias " + i + " " + name;
        }
        return csv(name, lines);
    }

    /**
     * Runs {@code action} on its own thread as soon as the sandbox has accepted {@code accepted} rows. Call
     * {@link Trigger#close()} after the import: it stops waiting if the run ended first.
     */
    protected static Trigger whenAccepted(long accepted, Runnable action) {
        return new Trigger(accepted, action);
    }

    public static final class Trigger implements AutoCloseable {
        private final Thread thread;
        private volatile boolean done;
        private volatile boolean fired;

        Trigger(long accepted, Runnable action) {
            thread = new Thread(
                    () -> {
                        while (!done && sandbox.stats().accepted() < accepted) {
                            Thread.onSpinWait();
                        }
                        if (!done) {
                            action.run();
                            fired = true;
                        }
                    },
                    "test-trigger");
            thread.setDaemon(true);
            thread.start();
        }

        public boolean fired() {
            return fired;
        }

        @Override
        public void close() throws InterruptedException {
            done = true;
            thread.join(5000);
        }
    }

    protected long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }
}
