package com.aliasimport.database;

import com.zaxxer.hikari.HikariDataSource;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;

/**
 * Waits out a database that stopped answering. {@link #retry} runs an idempotent database action again, with
 * back-off, while it fails for want of a connection ({@link ConnectionFailures}), until the database has been
 * unreachable for {@link DatabaseSettings#outageWait()} in all; then it throws {@link DatabaseUnavailableException}
 * with the one line the user sees. The clock is shared: every thread waiting on the same outage gives up at the same
 * moment, however late it joined; a success anywhere ends the outage.
 */
@Component
public class DatabaseOutage {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);
    private static final Pattern HOST_PORT = Pattern.compile("jdbc:[a-z0-9]+://([^/?;]+).*");
    private static final long NONE = Long.MIN_VALUE;

    private final DataSource dataSource;
    private final Duration wait;
    private final String where;
    private final Retry retry;
    /** System.nanoTime() of the first failure of the current outage, or NONE. */
    private final AtomicLong since = new AtomicLong(NONE);

    private final AtomicLong lastFailure = new AtomicLong(NONE);

    public DatabaseOutage(DataSource dataSource, DatabaseSettings settings) {
        this.dataSource = dataSource;
        this.wait = settings.outageWait();
        this.where = describe(dataSource);
        this.retry = Retry.of(
                "database",
                RetryConfig.custom()
                        .maxAttempts(Integer.MAX_VALUE) // bounded by the outage's age instead (retryOnException)
                        .intervalFunction(IntervalFunction.ofExponentialBackoff(100, 2.0, 2000))
                        .retryOnException(this::worthWaiting)
                        .failAfterMaxAttempts(false)
                        .build());
    }

    /** Runs {@code action}, again while the database is away for less than the outage wait. */
    public <T> T retry(Supplier<T> action) {
        try {
            T result = retry.executeSupplier(action);
            since.set(NONE);
            return result;
        } catch (RuntimeException e) {
            throw giveUp(e);
        }
    }

    public void retry(Runnable action) {
        retry(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Returns once the database answers again, or throws {@link DatabaseUnavailableException} when the wait ran out.
     */
    public void awaitDatabase() {
        retry(() -> {
            try (Connection c = dataSource.getConnection()) {
                if (!c.isValid(5)) {
                    throw new CannotGetJdbcConnectionException(
                            "the database did not answer",
                            new java.sql.SQLRecoverableException("connection not valid", "08006"));
                }
                return null;
            } catch (SQLException e) {
                throw new CannotGetJdbcConnectionException("could not connect to the database", e);
            }
        });
    }

    /** Whether a connection failure was seen at or after {@code nanoTime} (a System.nanoTime() value). */
    public boolean failedSince(long nanoTime) {
        long last = lastFailure.get();
        return last != NONE && last - nanoTime >= 0;
    }

    /** The line a user sees when the database stayed away: where it is, for how long, what to do. */
    public String unavailableMessage() {
        return "the database at " + where + " has been unreachable for " + wait.toSeconds()
                + " s: run the same command again when it is back";
    }

    private boolean worthWaiting(Throwable e) {
        if (!ConnectionFailures.isConnectionFailure(e) || e instanceof DatabaseUnavailableException) {
            return false;
        }
        long now = System.nanoTime();
        lastFailure.set(now);
        if (since.compareAndSet(NONE, now)) {
            log.warn(
                    "the database at {} stopped answering ({}); waiting up to {} s for it",
                    where,
                    rootMessage(e),
                    wait.toSeconds());
        }
        long start = since.get();
        return start == NONE || now - start < wait.toNanos();
    }

    private RuntimeException giveUp(RuntimeException e) {
        if (e instanceof DatabaseUnavailableException || !ConnectionFailures.isConnectionFailure(e)) {
            return e;
        }
        log.error("the database at {} is still unreachable after {} s", where, wait.toSeconds(), e);
        return new DatabaseUnavailableException(unavailableMessage(), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
        return String.valueOf(root.getMessage()).lines().findFirst().orElse("");
    }

    /** host:port of a server database, the file of an embedded H2 one; never the user or password. */
    static String describe(DataSource dataSource) {
        String url = dataSource instanceof HikariDataSource h ? h.getJdbcUrl() : null;
        if (url == null) {
            return "(configured data source)";
        }
        Matcher m = HOST_PORT.matcher(url);
        if (m.matches()) {
            String host = m.group(1);
            return host.substring(host.lastIndexOf('@') + 1);
        }
        int options = url.indexOf(';');
        return options > 0 ? url.substring(0, options) : url;
    }
}
