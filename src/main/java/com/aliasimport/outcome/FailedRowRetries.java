package com.aliasimport.outcome;

import com.aliasimport.run.RunCounts;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The failed-row table as retry-failed sees it: the unresolved rows of a run, marked resolved when a retry gets
 * them through, or updated with the latest failure when it does not (their history of attempts is kept).
 */
@Repository
public class FailedRowRetries {

    private final NamedParameterJdbcTemplate jdbc;

    public FailedRowRetries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Unresolved rows of {@code runId} of the given types after {@code afterLine}, in line order. */
    public List<FailedRow> unresolved(long runId, Collection<FailureType> types, long afterLine, int limit) {
        return jdbc.query(
                "SELECT run_id, line, record_json, failure_type, http_status, message, attempts,"
                        + " first_attempt_at, last_attempt_at, resolved_by_run FROM failed_row WHERE run_id = :run"
                        + " AND resolved_by_run IS NULL AND failure_type IN (:types) AND line > :after ORDER BY line"
                        + " FETCH FIRST " + limit + " ROWS ONLY",
                params(runId, types).addValue("after", afterLine),
                (rs, i) -> RowOutcomeStore.map(rs));
    }

    public long countUnresolved(long runId, Collection<FailureType> types) {
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM failed_row WHERE run_id = :run"
                        + " AND resolved_by_run IS NULL AND failure_type IN (:types)",
                params(runId, types),
                Long.class);
        return n == null ? 0 : n;
    }

    /** The row got through: recorded as accepted by the retry run and resolved in the original run, together. */
    @Transactional
    public void resolved(long originRunId, long line, long retryRunId, int attempts, boolean duplicateRisk) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update(
                "INSERT INTO accepted_row (run_id, line, accepted_at, attempts, duplicate_risk)"
                        + " VALUES (:retry, :line, :now, :attempts, :risk)",
                new MapSqlParameterSource()
                        .addValue("retry", retryRunId)
                        .addValue("line", line)
                        .addValue("now", now)
                        .addValue("attempts", attempts)
                        .addValue("risk", duplicateRisk));
        jdbc.update(
                "UPDATE failed_row SET resolved_by_run = :retry, resolved_at = :now, retried_by_run = :retry,"
                        + " attempts = attempts + :attempts, last_attempt_at = :now"
                        + " WHERE run_id = :run AND line = :line",
                new MapSqlParameterSource()
                        .addValue("retry", retryRunId)
                        .addValue("now", now)
                        .addValue("attempts", attempts)
                        .addValue("run", originRunId)
                        .addValue("line", line));
    }

    /** The row failed again: keep its history (attempts add up) and show the latest failure. */
    public void failedAgain(long originRunId, FailedRow latest, long retryRunId) {
        jdbc.update(
                "UPDATE failed_row SET failure_type = :type, http_status = :status, message = :message,"
                        + " attempts = attempts + :attempts, last_attempt_at = :last, retried_by_run = :retry"
                        + " WHERE run_id = :run AND line = :line",
                new MapSqlParameterSource()
                        .addValue("type", latest.type().name())
                        .addValue("status", latest.httpStatus())
                        .addValue("message", latest.message())
                        .addValue("attempts", latest.attempts())
                        .addValue(
                                "last", latest.lastAttemptAt() == null ? null : Timestamp.from(latest.lastAttemptAt()))
                        .addValue("retry", retryRunId)
                        .addValue("run", originRunId)
                        .addValue("line", latest.line()));
    }

    /**
     * A systemic failure met these rows during a retry: they are transient failures again, whatever the
     * failure recorded, so that the resumed pass sends them. In its own transaction: the chunk's rolls back.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void markTransient(long originRunId, Collection<Long> lines) {
        if (lines.isEmpty()) {
            return;
        }
        jdbc.update(
                "UPDATE failed_row SET failure_type = 'EXHAUSTED' WHERE run_id = :run AND line IN (:lines)"
                        + " AND resolved_by_run IS NULL AND failure_type <> 'UNKNOWN'",
                new MapSqlParameterSource().addValue("run", originRunId).addValue("lines", List.copyOf(lines)));
    }

    /** What a retry run did: rows it got through, and rows whose latest failure is its own. */
    public RunCounts counts(long retryRunId, long rowsRead) {
        Long accepted = jdbc.queryForObject(
                "SELECT COUNT(*) FROM accepted_row WHERE run_id = :retry", Map.of("retry", retryRunId), Long.class);
        long rejected = 0;
        long exhausted = 0;
        long unknown = 0;
        for (Map<String, Object> r : jdbc.queryForList(
                "SELECT failure_type, COUNT(*) AS n FROM failed_row"
                        + " WHERE retried_by_run = :retry AND resolved_by_run IS NULL GROUP BY failure_type",
                Map.of("retry", retryRunId))) {
            long n = ((Number) r.get("n")).longValue();
            switch (FailureType.valueOf((String) r.get("failure_type"))) {
                case REJECTED -> rejected = n;
                case EXHAUSTED -> exhausted = n;
                case UNKNOWN -> unknown = n;
                default -> {}
            }
        }
        long sent = accepted + rejected + exhausted + unknown;
        return new RunCounts(rowsRead, sent, accepted, rejected, 0, 0, exhausted, unknown, sent);
    }

    private static MapSqlParameterSource params(long runId, Collection<FailureType> types) {
        return new MapSqlParameterSource()
                .addValue("run", runId)
                .addValue("types", types.stream().map(Enum::name).toList());
    }
}
