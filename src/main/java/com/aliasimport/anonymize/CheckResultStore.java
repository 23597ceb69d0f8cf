package com.aliasimport.anonymize;

import com.aliasimport.database.DatabaseOutage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code check_result} table: what the Anonymize API found for each key, one row per matched record (or one row
 * with total 0), until {@code purge} deletes it. Personal data: nothing here is ever logged.
 */
@Repository
public class CheckResultStore {

    private static final int MAX_VALUE = 4000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate newTransaction;
    private final DatabaseOutage outage;

    CheckResultStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, DatabaseOutage outage) {
        this.jdbc = jdbc;
        this.outage = outage;
        this.newTransaction = new TransactionTemplate(transactionManager);
        newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A stored line of the results: a matched record, or a key that matched nothing (record fields empty). */
    public record Stored(long line, int ordinal, Key key, long total, Answer.Match match) {}

    /**
     * Keeps the answer for the key at {@code line}, replacing one stored before (a key asked again after a crash, or
     * by retry-failed), in a transaction of its own. Durable when it returns.
     */
    void store(long runId, long line, Key key, Answer answer) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> rows = new ArrayList<>();
        if (answer.records().isEmpty()) {
            rows.add(row(runId, line, 0, key, answer.total(), new Answer.Match("", "", "", "", ""), now));
        }
        for (int i = 0; i < answer.records().size(); i++) {
            rows.add(row(
                    runId, line, i + 1, key, answer.total(), answer.records().get(i), now));
        }
        outage.retry(() -> newTransaction.executeWithoutResult(tx -> {
            jdbc.update("DELETE FROM check_result WHERE run_id = ? AND line = ?", runId, line);
            jdbc.batchUpdate(
                    "INSERT INTO check_result (run_id, line, ordinal, key_type, key_value, total, first_name,"
                            + " last_name, email, sms_telephone, number_customergauge, checked_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows);
        }));
    }

    private static Object[] row(
            long runId, long line, int ordinal, Key key, long total, Answer.Match m, Timestamp now) {
        return new Object[] {
            runId,
            line,
            ordinal,
            key.type().parameter(),
            cut(key.value()),
            total,
            cut(m.firstName()),
            cut(m.lastName()),
            cut(m.email()),
            cut(m.smsTelephone()),
            cut(m.numberCustomerGauge()),
            now
        };
    }

    private static String cut(String value) {
        return value == null || value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE);
    }

    /** Every stored line of a run, in the order of the file. */
    public void forEach(long runId, Consumer<Stored> action) {
        jdbc.query(
                "SELECT line, ordinal, key_type, key_value, total, first_name, last_name, email, sms_telephone,"
                        + " number_customergauge FROM check_result WHERE run_id = ? ORDER BY line, ordinal",
                (ResultSet rs) -> {
                    action.accept(map(rs));
                },
                runId);
    }

    /** Keys found and records matched, for the summary. */
    public record Found(long keysFound, long keysNotFound, long records) {}

    public Found found(long runId) {
        return jdbc.queryForObject(
                "SELECT COUNT(DISTINCT CASE WHEN total > 0 THEN line END),"
                        + " COUNT(DISTINCT CASE WHEN total = 0 THEN line END),"
                        + " SUM(CASE WHEN ordinal > 0 THEN 1 ELSE 0 END) FROM check_result WHERE run_id = ?",
                (rs, n) -> new Found(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
                runId);
    }

    /** Deletes what the run found; the number of rows deleted. */
    public int purge(long runId) {
        return jdbc.update("DELETE FROM check_result WHERE run_id = ?", runId);
    }

    private static Stored map(ResultSet rs) throws SQLException {
        return new Stored(
                rs.getLong("line"),
                rs.getInt("ordinal"),
                new Key(KeyType.ofParameter(rs.getString("key_type")), rs.getString("key_value")),
                rs.getLong("total"),
                new Answer.Match(
                        nonNull(rs.getString("first_name")),
                        nonNull(rs.getString("last_name")),
                        nonNull(rs.getString("email")),
                        nonNull(rs.getString("sms_telephone")),
                        nonNull(rs.getString("number_customergauge"))));
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
