package com.aliasimport.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@link SandboxImportTest} subclass against a fresh PostgreSQL database of its own instead of H2: the
 * database {@code alias_import_test_<random>} is created before the class and dropped after its Spring context has
 * closed, so repeated and parallel builds sharing the server do not see each other's rows. When no server is
 * reachable the class is skipped, saying so on stderr (the Maven log) as well as in the test report: a class-level
 * condition, not an assumption in {@code beforeAll}, because Surefire reports a class aborted there as "Tests run:
 * 0, Skipped: 0" and the skip would go unnoticed.
 * <p>
 * The server: {@code ALIAS_IMPORT_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}, the database
 * to connect to for creating and dropping), {@code ALIAS_IMPORT_TEST_PG_USER} (default {@code postgres}) and
 * {@code ALIAS_IMPORT_TEST_PG_PASSWORD} (default empty). The user needs the CREATEDB privilege.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(PostgresDatabase.Extension.class)
public @interface PostgresDatabase {

    final class Extension implements ExecutionCondition, BeforeAllCallback {

        private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]*/)([^?]*)(.*)");

        /** The database of the test class being run; read when its Spring context starts. */
        private static volatile Database current;

        public record Database(String url, String user, String password) {}

        public static Optional<Database> current() {
            return Optional.ofNullable(current);
        }

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (context.getTestMethod().isPresent()) {
                return ConditionEvaluationResult.enabled("decided for the class");
            }
            String problem = unreachable(adminUrl(), user(), password());
            if (problem == null) {
                return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + adminUrl());
            }
            String message = "PostgreSQL not reachable at " + adminUrl() + " as " + user() + " (" + problem
                    + "): skipping " + context.getRequiredTestClass().getSimpleName();
            System.err.println("[WARNING] " + message);
            return ConditionEvaluationResult.disabled(message);
        }

        @Override
        public void beforeAll(ExtensionContext context) throws SQLException {
            String adminUrl = adminUrl();
            String user = user();
            String password = password();
            Matcher m = URL.matcher(adminUrl);
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "ALIAS_IMPORT_TEST_PG_URL is not jdbc:postgresql://host:port/db: " + adminUrl);
            }
            // Lower case letters and digits only: no quoting needed, and PostgreSQL would fold it anyway.
            String name = "alias_import_test_"
                    + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            execute(adminUrl, user, password, "CREATE DATABASE " + name);
            // A commit need not wait for the disk here: the tests run many small ones and never crash the server.
            execute(adminUrl, user, password, "ALTER DATABASE " + name + " SET synchronous_commit = off");
            current = new Database(m.group(1) + name + m.group(3), user, password);
            // Closed when the class is done, after Spring's afterAll has closed the context and its connections.
            context.getStore(ExtensionContext.Namespace.create(Extension.class)).put("database", (AutoCloseable) () -> {
                current = null;
                drop(adminUrl, user, password, name);
            });
        }

        private static void drop(String adminUrl, String user, String password, String name) throws SQLException {
            try {
                execute(adminUrl, user, password, "DROP DATABASE IF EXISTS " + name);
            } catch (SQLException stillInUse) {
                // A connection that outlived the context (PostgreSQL 13 and later can end it).
                execute(adminUrl, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }

        private static String unreachable(String url, String user, String password) {
            try (Connection c = connect(url, user, password)) {
                return null;
            } catch (SQLException e) {
                return e.getMessage();
            }
        }

        private static void execute(String url, String user, String password, String sql) throws SQLException {
            try (Connection c = connect(url, user, password);
                    Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }

        private static Connection connect(String url, String user, String password) throws SQLException {
            Properties p = new Properties();
            p.setProperty("user", user);
            p.setProperty("password", password);
            p.setProperty("connectTimeout", "3");
            p.setProperty("loginTimeout", "5");
            return DriverManager.getConnection(url, p);
        }

        private static String adminUrl() {
            return env("ALIAS_IMPORT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        }

        private static String user() {
            return env("ALIAS_IMPORT_TEST_PG_USER", "postgres");
        }

        private static String password() {
            return env("ALIAS_IMPORT_TEST_PG_PASSWORD", "");
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
