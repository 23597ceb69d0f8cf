package com.aliasimport.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import com.aliasimport.support.Cli;
import com.aliasimport.support.SandboxImportTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The client secret and the bearer tokens never reach the log file (even at TRACE), the console, the reports,
 * history or the database, whatever happens in the run (failures, retries, token renewals).
 */
class SecretsNeverLeakTest extends SandboxImportTest {

    static Path logFile;
    static FileAppender<ILoggingEvent> appender;
    static Level rootLevel;

    /**
     * Everything logged during the test goes to a file, at TRACE, whatever the application's settings say.
     * Attached once the application context is up: Spring Boot resets Logback when it starts.
     */
    @BeforeEach
    void logEverythingToAFile() throws IOException {
        logFile = Files.createTempDirectory("alias-import-log").resolve("secrets-test.log");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d %level %logger - %msg%n%ex");
        encoder.start();
        appender = new FileAppender<>();
        appender.setContext(context);
        appender.setFile(logFile.toString());
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        // As a user troubleshooting would: everything up to TRACE (loggers the application pins stay pinned).
        for (String name : List.of(
                "org.springframework", "org.springframework.web", "org.springframework.security", "com.aliasimport")) {
            context.getLogger(name).setLevel(Level.TRACE);
        }
        context.getLogger("com.zaxxer").setLevel(Level.INFO);
        root.addAppender(appender);
    }

    @AfterEach
    void stopLoggingToTheFile() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        root.setLevel(rootLevel);
        appender.stop();
    }

    @Test
    void neitherTheSecretNorABearerTokenAppearsAnywhere() throws Exception {
        Path file = aliases("secrets.csv", 60);
        List<String> tokens = new ArrayList<>();
        sandbox.faults().failNext(3, 503).unauthorizedNext(2).latency(Duration.ofMillis(1));
        List<String> printed = new ArrayList<>();
        Cli.Result run = cli.run("import", file.toString(), "--concurrency", "2");
        printed.add(run.all());
        tokens.add(bearer(sandbox.stats().lastRequest().authorization()));
        sandbox.revokeTokens();
        Cli.Result sample = cli.run("import", "sample-data/aliases.csv");
        printed.add(sample.all());
        tokens.add(bearer(sandbox.stats().lastRequest().authorization()));
        printed.add(cli.run("retry-failed", "--include-rejected").all());
        for (String format : List.of("table", "csv", "json")) {
            printed.add(cli.run("report", "--format", format).all());
        }
        printed.add(cli.run("history").all());
        printed.add(cli.run("history", "--format", "json").all());

        Path dump = home.resolve("database.sql");
        jdbc.execute("SCRIPT TO '" + dump + "'");
        String database = Files.readString(dump, StandardCharsets.UTF_8);
        String log = Files.readString(logFile, StandardCharsets.UTF_8);

        assertThat(tokens).allSatisfy(t -> assertThat(t).hasSizeGreaterThan(10));
        assertThat(database).contains("secrets.csv"); // the dump is real
        assertThat(log).contains("TRACE").contains("/records/"); // the log is real and detailed
        for (String place : List.of(log, database, String.join("\n", printed))) {
            assertThat(place).doesNotContain(SECRET);
            for (String token : tokens) {
                assertThat(place).doesNotContain(token);
            }
        }
    }

    private static String bearer(String authorization) {
        assertThat(authorization).startsWith("Bearer ");
        return authorization.substring("Bearer ".length());
    }
}
