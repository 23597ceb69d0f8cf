package com.aliasimport.run;

import com.aliasimport.sending.flow.FlowFigures;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@code import_run} table: which files were imported, when, and how it went. */
@Repository
public class RunStore {

    private static final String COLUMNS = "id, kind, file_name, file_path, content_hash, target, row_count, retry_of,"
            + " status,"
            + " message, created_at, started_at, ended_at, active_millis, rows_read, sent, accepted, rejected,"
            + " invalid, duplicate, exhausted, unknown_count, retried, requests, throttled, learned_limit, purged_at";

    private final JdbcTemplate jdbc;

    public RunStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long create(
            ImportRun.Kind kind,
            String fileName,
            String filePath,
            String contentHash,
            String target,
            long rowCount,
            Long retryOf) {
        var keys = new GeneratedKeyHolder();
        jdbc.update(
                con -> {
                    var ps = con.prepareStatement(
                            "INSERT INTO import_run (kind, file_name, file_path, content_hash, target,"
                                    + " row_count, retry_of, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            new String[] {"id"});
                    ps.setString(1, kind.name());
                    ps.setString(2, fileName);
                    ps.setString(3, filePath);
                    ps.setString(4, contentHash);
                    ps.setString(5, target);
                    ps.setLong(6, rowCount);
                    ps.setObject(7, retryOf);
                    ps.setString(8, RunStatus.RUNNING.name());
                    ps.setTimestamp(9, Timestamp.from(Instant.now()));
                    return ps;
                },
                keys);
        return keys.getKey().longValue();
    }

    public Optional<ImportRun> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM import_run WHERE id = ?", RunStore::map, id).stream()
                .findFirst();
    }

    /** The newest run of a kind over a file's content to a target, whatever its status. */
    public Optional<ImportRun> latestOf(ImportRun.Kind kind, String contentHash, String target) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM import_run WHERE content_hash = ? AND target = ?"
                                + " AND kind = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                        RunStore::map,
                        contentHash,
                        target,
                        kind.name())
                .stream()
                .findFirst();
    }

    /** The newest retry-failed pass over a run, whatever its status. */
    public Optional<ImportRun> latestRetryOf(long runId) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM import_run WHERE retry_of = ? AND kind = 'RETRY'"
                                + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                        RunStore::map,
                        runId)
                .stream()
                .findFirst();
    }

    public Optional<ImportRun> latest(ImportRun.Kind kind) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM import_run WHERE kind = ? ORDER BY id DESC"
                                + " FETCH FIRST 1 ROWS ONLY",
                        RunStore::map,
                        kind.name())
                .stream()
                .findFirst();
    }

    public List<ImportRun> recent(int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM import_run ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY",
                RunStore::map);
    }

    public void markStarted(long id) {
        jdbc.update(
                "UPDATE import_run SET status = ?, message = NULL,"
                        + " started_at = COALESCE(started_at, ?) WHERE id = ?",
                RunStatus.RUNNING.name(),
                Timestamp.from(Instant.now()),
                id);
    }

    /**
     * Marks where a resumed run must start reading again: failures before its checkpoint were dropped after a
     * systemic stop, so those rows must be sent again. In its own transaction: the chunk's is rolling back.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void rewindTo(long id, long line) {
        jdbc.update(
                "UPDATE import_run SET rewind_line = CASE WHEN rewind_line IS NULL OR rewind_line > ? THEN ?"
                        + " ELSE rewind_line END WHERE id = ?",
                line,
                line,
                id);
    }

    /** The line a resumed run must start reading from, or 0. */
    public long rewindLine(long id) {
        Long line = jdbc.queryForObject("SELECT rewind_line FROM import_run WHERE id = ?", Long.class, id);
        return line == null ? 0 : line;
    }

    /** The resumed run has read past the rewind line; called in the chunk's transaction, with the checkpoint. */
    public void clearRewind(long id) {
        jdbc.update("UPDATE import_run SET rewind_line = NULL WHERE id = ?", id);
    }

    /** The run's acceptance journal file, or null before its first session chose one. */
    public String journal(long id) {
        return jdbc.queryForObject("SELECT journal FROM import_run WHERE id = ?", String.class, id);
    }

    public void setJournal(long id, String file) {
        jdbc.update("UPDATE import_run SET journal = ? WHERE id = ?", file, id);
    }

    /**
     * Records how a session of the run ended; active time, requests and 429s add up across resumed sessions (the
     * time of a session that died is added by the next: see {@link RunLock.Held#attach}), the learned limit is the
     * latest session's.
     */
    public void finish(
            long id, RunStatus status, String message, RunCounts counts, Duration sessionTime, FlowFigures flow) {
        jdbc.update(
                "UPDATE import_run SET status = ?, message = ?, ended_at = ?, active_millis = active_millis + ?,"
                        + " session_millis = 0, rows_read = ?, sent = ?, accepted = ?, rejected = ?, invalid = ?,"
                        + " duplicate = ?, exhausted = ?, unknown_count = ?, retried = ?, requests = requests + ?,"
                        + " throttled = throttled + ?, learned_limit = ? WHERE id = ?",
                status.name(),
                message,
                Timestamp.from(Instant.now()),
                sessionTime.toMillis(),
                counts.read(),
                counts.sent(),
                counts.accepted(),
                counts.rejected(),
                counts.invalid(),
                counts.duplicate(),
                counts.exhausted(),
                counts.unknown(),
                counts.retried(),
                flow.requests(),
                flow.refused(),
                flow.heldByServer() ? flow.learnedLimit() : null,
                id);
    }

    private static ImportRun map(ResultSet rs, int row) throws SQLException {
        long retryOf = rs.getLong("retry_of");
        Long retryOfOrNull = rs.wasNull() ? null : retryOf;
        var counts = new RunCounts(
                rs.getLong("rows_read"),
                rs.getLong("sent"),
                rs.getLong("accepted"),
                rs.getLong("rejected"),
                rs.getLong("invalid"),
                rs.getLong("duplicate"),
                rs.getLong("exhausted"),
                rs.getLong("unknown_count"),
                rs.getLong("retried"));
        return new ImportRun(
                rs.getLong("id"),
                ImportRun.Kind.valueOf(rs.getString("kind")),
                rs.getString("file_name"),
                rs.getString("file_path"),
                rs.getString("content_hash"),
                rs.getString("target"),
                rs.getLong("row_count"),
                retryOfOrNull,
                RunStatus.valueOf(rs.getString("status")),
                rs.getString("message"),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "ended_at"),
                Duration.ofMillis(rs.getLong("active_millis")),
                counts,
                flow(rs),
                instant(rs, "purged_at"));
    }

    /** Notes that the personal data the run stored has been deleted. */
    public void markPurged(long id) {
        jdbc.update("UPDATE import_run SET purged_at = ? WHERE id = ?", Timestamp.from(Instant.now()), id);
    }

    /** Anonymize checks (not purged yet) that ended, or were created, before {@code before}. */
    public List<ImportRun> checksBefore(Instant before) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM import_run WHERE kind = 'CHECK' AND purged_at IS NULL"
                        + " AND COALESCE(ended_at, created_at) < ? ORDER BY id",
                RunStore::map,
                Timestamp.from(before));
    }

    private static ImportRun.Flow flow(ResultSet rs) throws SQLException {
        double limit = rs.getDouble("learned_limit");
        Double learned = rs.wasNull() ? null : limit;
        return new ImportRun.Flow(rs.getLong("requests"), rs.getLong("throttled"), learned);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
