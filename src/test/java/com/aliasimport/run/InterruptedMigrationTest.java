package com.aliasimport.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The very first run creates the schema, and H2 commits each DDL statement on its own: a process killed half way
 * through a migration leaves part of it applied and no history row. The next run must complete the schema by
 * itself. (Seen with a real kill -9 during the first run's migration: every later run failed at start-up with
 * "Table BATCH_JOB_INSTANCE already exists".)
 */
class InterruptedMigrationTest {

    private static final String V1 = "db/migration/h2/V1__spring_batch_schema.sql";
    private static final String V2 = "db/migration/common/V2__import_tables.sql";
    private static final List<String> TABLES = List.of(
            "BATCH_JOB_INSTANCE",
            "BATCH_JOB_EXECUTION",
            "BATCH_JOB_EXECUTION_PARAMS",
            "BATCH_STEP_EXECUTION",
            "BATCH_STEP_EXECUTION_CONTEXT",
            "BATCH_JOB_EXECUTION_CONTEXT",
            "IMPORT_RUN",
            "RUN_LOCK",
            "ACCEPTED_ROW",
            "FAILED_ROW");

    @Test
    void aFirstRunKilledAfterAnyStatementOfTheSchemaIsCompletedByTheNextRun() throws Exception {
        List<String> v1 = statements(V1);
        List<String> v2 = statements(V2);
        for (int done = 1; done < v1.size() + v2.size(); done++) {
            String url = "jdbc:h2:mem:interrupted-" + done + ";DB_CLOSE_DELAY=-1";
            try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
                // What the killed run left: Flyway's history table (created before any script; a version 0
                // baseline stands in for its empty state here), V1's history row if it had finished V1, and the
                // statements of the next script it got through.
                if (done > v1.size()) {
                    flyway(url).target("1").load().migrate();
                } else {
                    flyway(url).baselineVersion("0").load().baseline();
                }
                List<String> applied = done > v1.size() ? v2.subList(0, done - v1.size()) : v1.subList(0, done);
                try (Statement statement = connection.createStatement()) {
                    for (String sql : applied) {
                        statement.execute(sql);
                    }
                }

                var result = flyway(url).load().migrate();

                assertThat(result.success).as("after %d statements", done).isTrue();
                JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
                assertThat(jdbc.queryForList(
                                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES" + " WHERE TABLE_SCHEMA = 'PUBLIC'",
                                String.class))
                        .as("after %d statements", done)
                        .containsAll(TABLES);
                assertThat(flyway(url).load().info().pending())
                        .as("after %d statements", done)
                        .isEmpty();
                assertThat(jdbc.queryForList(
                                "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\""
                                        + " AND \"version\" <> '0'",
                                String.class))
                        .startsWith("1", "2", "3");
                connection.createStatement().execute("SHUTDOWN");
            }
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url) {
        return Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/migration/h2", "classpath:db/migration/common");
    }

    /** The script's statements, without its comments. */
    private static List<String> statements(String resource) throws IOException, SQLException {
        try (InputStream in = InterruptedMigrationTest.class.getClassLoader().getResourceAsStream(resource)) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.strip().startsWith("--"))
                    .collect(Collectors.joining("\n"));
            List<String> statements = new ArrayList<>();
            Arrays.stream(script.split(";"))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .forEach(statements::add);
            return statements;
        }
    }
}
