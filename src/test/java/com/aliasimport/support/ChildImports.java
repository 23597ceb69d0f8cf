package com.aliasimport.support;

import com.aliasimport.outcome.AcceptanceJournal;
import com.aliasimport.sandbox.SandboxServer;
import com.aliasimport.sandbox.SandboxSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The set-up of the tests that run alias-import in child processes: a temporary folder (working directory, files,
 * logs), an H2 file database in it shared by the children, and the sandbox API running in the test's own JVM, so
 * that what reached the API is counted across processes that are killed and started again.
 * <p>
 * The test opens the database only while no child runs, and closes it before starting the next one: with
 * AUTO_SERVER the first process to open the file serves it to the others, and the children's commits must happen
 * in the children, the processes that get killed.
 */
public final class ChildImports implements AutoCloseable {

    private final Path home;
    private final SandboxServer sandbox;
    private final String databaseUrl;

    /**
     * A database and a sandbox for a test, in {@code home} (a JUnit temporary folder). The system property
     * {@code child.db-url-options} is appended to the database URL: {@code -Dchild.db-url-options=;WRITE_DELAY=500}
     * runs the children with H2's default commit delay, to see what it costs after a kill -9.
     */
    public ChildImports(Path home) {
        this.home = home;
        databaseUrl = "jdbc:h2:file:" + home.resolve("db") + ";AUTO_SERVER=TRUE"
                + System.getProperty("child.db-url-options", "");
        sandbox = SandboxServer.start(SandboxSettings.defaults());
    }

    public Path home() {
        return home;
    }

    public SandboxServer sandbox() {
        return sandbox;
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    /** The children's configuration: the sandbox as the tenant, unthrottled, short back-offs. */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", databaseUrl);
        p.put("alias-import.token-url", sandbox.tokenUrl().toString());
        p.put("alias-import.imports-url", sandbox.importsUrl().toString());
        p.put("alias-import.api-url", sandbox.baseUrl().toString());
        p.put("alias-import.client-id", SandboxSettings.CLIENT_ID);
        p.put("alias-import.client-secret", SandboxSettings.CLIENT_SECRET);
        p.put("alias-import.configuration", SandboxSettings.CONFIGURATION);
        p.put("alias-import.journal-dir", journalDir().toString());
        p.put("alias-import.sending.rate", "0");
        p.put("alias-import.sending.initial-backoff", "20ms");
        p.put("alias-import.sending.max-backoff", "100ms");
        return p;
    }

    public ChildJvm start(String name, String... args) {
        return start(name, Map.of(), args);
    }

    public ChildJvm start(String name, Map<String, String> overrides, String... args) {
        Map<String, String> p = properties();
        p.putAll(overrides);
        return ChildJvm.start(home, name, p, args);
    }

    /** A file of {@code rows} distinct valid aliases, with a header (data lines are 2 .. rows + 1). */
    public Path aliases(String name, int rows) {
        StringBuilder csv = new StringBuilder("Account Name,Alias\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("Account ").append(i).append(",Alias ").append(i).append('\n');
        }
        Path file = home.resolve(name);
        try {
            Files.writeString(file, csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Opens the database, runs {@code query} and closes it again (call it only while no child runs). */
    public <T> T withDatabase(Function<JdbcTemplate, T> query) {
        try (Connection connection = DriverManager.getConnection(databaseUrl, "sa", "")) {
            return query.apply(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open " + databaseUrl, e);
        }
    }

    /**
     * Rows the children made durable as accepted: in accepted_row, or written to an acceptance journal and not yet
     * moved to the database (the next session does that before it sends anything).
     */
    public long recordedAcceptances() {
        Set<Long> lines =
                new HashSet<>(withDatabase(jdbc -> jdbc.queryForList("SELECT line FROM accepted_row", Long.class)));
        Path journals = journalDir();
        if (Files.isDirectory(journals)) {
            try (Stream<Path> files = Files.list(journals)) {
                files.forEach(file -> AcceptanceJournal.read(file).forEach(row -> lines.add(row.line())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines.size();
    }

    public Path journalDir() {
        return home.resolve("journal");
    }

    public long count(String sql, Object... args) {
        return withDatabase(jdbc -> jdbc.queryForObject(sql, Long.class, args));
    }

    /**
     * Where a resumed run starts reading: the records the import step's latest checkpoint says are done (0 before
     * the first checkpoint). Rows are sent while later ones are read, so this can be well behind the rows read.
     */
    public long checkpointPosition() {
        List<String> contexts = withDatabase(jdbc -> jdbc.queryForList(
                "SELECT c.SHORT_CONTEXT FROM"
                        + " BATCH_STEP_EXECUTION_CONTEXT c JOIN BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID ="
                        + " c.STEP_EXECUTION_ID WHERE s.STEP_NAME = 'sendRows' ORDER BY s.STEP_EXECUTION_ID DESC",
                String.class));
        if (contexts.isEmpty()) {
            return 0;
        }
        try {
            Map<String, Object> context = new DefaultExecutionContextSerializer()
                    .deserialize(new ByteArrayInputStream(contexts.get(0).getBytes(StandardCharsets.ISO_8859_1)));
            Object position = context.get("csv.records.read");
            return position == null ? 0 : ((Number) position).longValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Map<String, Object>> rows(String sql, Object... args) {
        return withDatabase(jdbc -> jdbc.queryForList(sql, args));
    }

    /**
     * Waits until requests that reached the sandbox have all been answered (or dropped) and no new one arrived for
     * {@code quiet}: after a kill, requests already on the wire are still processed, and a record they carry is
     * taken although nobody reads the answer.
     */
    public void awaitSandboxIdle(Duration quiet, Duration timeout) {
        long[] seen = {-1};
        Awaitility.await("the sandbox idle for " + quiet)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(1))
                .during(quiet)
                .until(() -> {
                    var stats = sandbox.stats();
                    long requests = stats.requests();
                    long answered = stats.statusCounts().values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum()
                            + stats.connectionResets();
                    boolean idle = requests == seen[0] && answered >= requests;
                    seen[0] = requests;
                    return idle;
                });
    }

    /** Polls {@code condition} every millisecond until it holds; fails the test if it does not within {@code timeout}. */
    public static void await(BooleanSupplier condition, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(1)).until(condition::getAsBoolean);
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
