package com.aliasimport.outcome;

import com.aliasimport.database.DatabaseOutage;
import com.aliasimport.run.RunCounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The per-row record of a run: {@code accepted_row} for rows CustomerGauge took and {@code failed_row} for the rest.
 * A sent row's outcome is durable before its sending thread moves on (that is what bounds the rows a crash can make
 * a resumed run send again to one per thread): failed rows are committed at once, outcomes that threads report at
 * the same moment sharing a commit ({@link GroupCommit}); accepted rows, the bulk, go to an
 * {@link AcceptanceJournal} first and reach the database a chunk at a time.
 */
@Repository
public class RowOutcomeStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> RECORD = new TypeReference<>() {};
    /** Values longer than this are cut in storage; such a value was refused as too long anyway. */
    private static final int MAX_STORED_VALUE = 10_000;

    private static final int MAX_MESSAGE = 2000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate newTransaction;
    private final DatabaseOutage outage;
    private final GroupCommit<FailedRow> failedRows = new GroupCommit<>(this::insertFailed);

    public RowOutcomeStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, DatabaseOutage outage) {
        this.jdbc = jdbc;
        this.outage = outage;
        this.newTransaction = new TransactionTemplate(transactionManager);
        newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Stores rows the API accepted in this session, in a transaction of their own (committed even if the caller's
     * rolls back). They have no outcome yet, so they are inserted as they are; a try again after the database went
     * away under a commit ({@link DatabaseOutage}), or a line found stored after all, leaves out lines that have an
     * outcome by then.
     */
    public void accepted(long runId, List<AcceptedRow> rows) {
        store(runId, rows, false);
    }

    /** Stores acceptances a session that ended early journaled: lines that already have an outcome are left alone. */
    public void acceptedEarlier(long runId, List<AcceptedRow> rows) {
        store(runId, rows, true);
    }

    private void store(long runId, List<AcceptedRow> rows, boolean mayBeStored) {
        if (rows.isEmpty()) {
            return;
        }
        boolean[] leaveOutStored = {mayBeStored};
        outage.retry(() -> {
            try {
                newTransaction.executeWithoutResult(
                        status -> insertAccepted(runId, leaveOutStored[0] ? notYetStored(runId, rows) : rows));
            } catch (DuplicateKeyException stored) {
                newTransaction.executeWithoutResult(status -> insertAccepted(runId, notYetStored(runId, rows)));
            } finally {
                leaveOutStored[0] = true;
            }
        });
    }

    private List<AcceptedRow> notYetStored(long runId, List<AcceptedRow> rows) {
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (AcceptedRow row : rows) {
            from = Math.min(from, row.line());
            to = Math.max(to, row.line());
        }
        Set<Long> done = linesWithOutcome(runId, from, to);
        return rows.stream().filter(row -> !done.contains(row.line())).toList();
    }

    private void insertAccepted(long runId, List<AcceptedRow> rows) {
        jdbc.batchUpdate(
                "INSERT INTO accepted_row (run_id, line, accepted_at, attempts, duplicate_risk)"
                        + " VALUES (?, ?, ?, ?, ?)",
                rows,
                rows.size(),
                (ps, row) -> {
                    ps.setLong(1, runId);
                    ps.setLong(2, row.line());
                    ps.setTimestamp(3, Timestamp.from(row.at()));
                    ps.setInt(4, row.attempts());
                    ps.setBoolean(5, row.duplicateRisk());
                });
    }

    /** Stores a row that failed for good; returns once that is committed. Called by many threads at once. */
    public void failed(FailedRow row) {
        failedRows.write(row);
    }

    /**
     * In a transaction of its own, tried again while the database is away; a try after the first leaves out lines
     * that have an outcome by then (the connection may have been lost after the commit went through).
     */
    private void insertFailed(List<FailedRow> rows) {
        boolean[] again = {false};
        outage.retry(() -> newTransaction.executeWithoutResult(status -> {
            List<FailedRow> batch = again[0] ? notYetStored(rows) : rows;
            again[0] = true;
            failed(batch);
        }));
    }

    private List<FailedRow> notYetStored(List<FailedRow> rows) {
        List<FailedRow> fresh = new java.util.ArrayList<>();
        for (FailedRow row : rows) {
            Set<Long> done = linesWithOutcome(row.runId(), row.line(), row.line());
            if (done.isEmpty()) {
                fresh.add(row);
            }
        }
        return fresh;
    }

    /** Stores rows in the caller's transaction (the chunk's, for rows that failed a check). */
    public void failed(List<FailedRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                "INSERT INTO failed_row (run_id, line, record_json, failure_type, http_status, message,"
                        + " attempts, first_attempt_at, last_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
                rows.size(),
                (ps, row) -> {
                    ps.setLong(1, row.runId());
                    ps.setLong(2, row.line());
                    ps.setString(3, toJson(row.record()));
                    ps.setString(4, row.type().name());
                    ps.setObject(5, row.httpStatus());
                    ps.setString(6, cut(row.message(), MAX_MESSAGE));
                    ps.setInt(7, row.attempts());
                    ps.setTimestamp(8, timestamp(row.firstAttemptAt()));
                    ps.setTimestamp(9, timestamp(row.lastAttemptAt()));
                });
    }

    /** Lines between {@code from} and {@code to} that already have an outcome in this run. */
    public Set<Long> linesWithOutcome(long runId, long from, long to) {
        Set<Long> lines = new HashSet<>();
        jdbc.query(
                "SELECT line FROM accepted_row WHERE run_id = ? AND line BETWEEN ? AND ?"
                        + " UNION ALL SELECT line FROM failed_row WHERE run_id = ? AND line BETWEEN ? AND ?",
                rs -> {
                    lines.add(rs.getLong(1));
                },
                runId,
                from,
                to,
                runId,
                from,
                to);
        return lines;
    }

    /** The highest line with an outcome in this run, or 0. */
    public long highestLineWithOutcome(long runId) {
        Long a = jdbc.queryForObject("SELECT MAX(line) FROM accepted_row WHERE run_id = ?", Long.class, runId);
        Long f = jdbc.queryForObject("SELECT MAX(line) FROM failed_row WHERE run_id = ?", Long.class, runId);
        return Math.max(a == null ? 0 : a, f == null ? 0 : f);
    }

    /**
     * Drops failures that turned out not to be about the rows (a systemic failure): they are sent again.
     * In a transaction of its own, because the caller's chunk transaction is about to roll back.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void forget(long runId, Collection<Long> lines) {
        if (lines.isEmpty()) {
            return;
        }
        List<Long> list = List.copyOf(lines);
        jdbc.batchUpdate(
                "DELETE FROM failed_row WHERE run_id = ? AND line = ? AND resolved_by_run IS NULL",
                list,
                list.size(),
                (ps, line) -> {
                    ps.setLong(1, runId);
                    ps.setLong(2, line);
                });
    }

    public RunCounts counts(long runId, long rowsRead) {
        long accepted = 0;
        long acceptedRetried = 0;
        for (Map<String, Object> r : jdbc.queryForList(
                "SELECT COUNT(*) AS n,"
                        + " COALESCE(SUM(CASE WHEN attempts > 1 THEN 1 ELSE 0 END), 0) AS retried"
                        + " FROM accepted_row WHERE run_id = ?",
                runId)) {
            accepted = ((Number) r.get("n")).longValue();
            acceptedRetried = ((Number) r.get("retried")).longValue();
        }
        Map<FailureType, Long> failed = new java.util.EnumMap<>(FailureType.class);
        long[] failedRetried = {0};
        jdbc.query(
                "SELECT failure_type, COUNT(*), SUM(CASE WHEN attempts > 1 THEN 1 ELSE 0 END) FROM failed_row"
                        + " WHERE run_id = ? GROUP BY failure_type",
                rs -> {
                    failed.put(FailureType.valueOf(rs.getString(1)), rs.getLong(2));
                    failedRetried[0] += rs.getLong(3);
                },
                runId);
        long rejected = failed.getOrDefault(FailureType.REJECTED, 0L);
        long exhausted = failed.getOrDefault(FailureType.EXHAUSTED, 0L);
        long unknown = failed.getOrDefault(FailureType.UNKNOWN, 0L);
        return new RunCounts(
                rowsRead,
                accepted + rejected + exhausted + unknown,
                accepted,
                rejected,
                failed.getOrDefault(FailureType.INVALID, 0L),
                failed.getOrDefault(FailureType.DUPLICATE, 0L),
                exhausted,
                unknown,
                acceptedRetried + failedRetried[0]);
    }

    /** Deletes every failed row of a run (an anonymize check's purge: they hold the keys); the number deleted. */
    public int deleteFailed(long runId) {
        return jdbc.update("DELETE FROM failed_row WHERE run_id = ?", runId);
    }

    /** The run's first failed row, if it has any. */
    public Optional<FailedRow> firstFailed(long runId) {
        return jdbc
                .query(
                        "SELECT run_id, line, record_json, failure_type, http_status, message, attempts,"
                                + " first_attempt_at, last_attempt_at, resolved_by_run FROM failed_row WHERE run_id = ?"
                                + " ORDER BY line FETCH FIRST 1 ROWS ONLY",
                        (rs, n) -> map(rs),
                        runId)
                .stream()
                .findFirst();
    }

    /** The run's failed rows in line order, streamed (a million-row run may have many). */
    public void forEachFailed(long runId, Consumer<FailedRow> action) {
        jdbc.query(
                "SELECT run_id, line, record_json, failure_type, http_status, message, attempts,"
                        + " first_attempt_at, last_attempt_at, resolved_by_run FROM failed_row WHERE run_id = ?"
                        + " ORDER BY line",
                rs -> {
                    action.accept(map(rs));
                },
                runId);
    }

    static FailedRow map(ResultSet rs) throws SQLException {
        int status = rs.getInt("http_status");
        Integer httpStatus = rs.wasNull() ? null : status;
        long resolved = rs.getLong("resolved_by_run");
        Long resolvedBy = rs.wasNull() ? null : resolved;
        return new FailedRow(
                rs.getLong("run_id"),
                rs.getLong("line"),
                JSON.readValue(rs.getString("record_json"), RECORD),
                FailureType.valueOf(rs.getString("failure_type")),
                httpStatus,
                rs.getString("message"),
                rs.getInt("attempts"),
                instant(rs.getTimestamp("first_attempt_at")),
                instant(rs.getTimestamp("last_attempt_at")),
                resolvedBy);
    }

    private static String toJson(Map<String, String> record) {
        Map<String, String> stored = new LinkedHashMap<>();
        record.forEach((k, v) -> stored.put(k, cut(v, MAX_STORED_VALUE)));
        return JSON.writeValueAsString(stored);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
