package com.aliasimport.run;

import com.aliasimport.sending.flow.FlowFigures;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The request rate each target's API held runs to, learned from its 429 answers, so that tonight's run starts just
 * under it instead of finding it again with a burst of refusals.
 */
@Repository
public class LearnedLimits {

    private final JdbcTemplate jdbc;

    public LearnedLimits(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The limit learned for {@code target}, if any. */
    public OptionalDouble find(String target) {
        List<Double> found = jdbc.queryForList(
                "SELECT requests_per_second FROM learned_limit WHERE target = ?", Double.class, target);
        return found.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(found.get(0));
    }

    /**
     * Keeps what a session learned: the limit a 429 revealed; or, when a session that started from a stored limit
     * reached its configured rate without a 429, that the limit is gone.
     */
    public void remember(String target, FlowFigures figures, long runId) {
        if (figures.configuredRate() <= 0) {
            return;
        }
        if (figures.throttled()) {
            save(target, figures.learnedLimit(), runId);
        } else if (figures.heldByServer() && figures.pace() >= figures.configuredRate() * 0.98) {
            jdbc.update("DELETE FROM learned_limit WHERE target = ?", target);
        }
    }

    private void save(String target, double requestsPerSecond, long runId) {
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.update(
                "UPDATE learned_limit SET requests_per_second = ?, learned_at = ?, run_id = ?" + " WHERE target = ?",
                requestsPerSecond,
                now,
                runId,
                target);
        if (updated == 0) {
            try {
                jdbc.update(
                        "INSERT INTO learned_limit (target, requests_per_second, learned_at, run_id)"
                                + " VALUES (?, ?, ?, ?)",
                        target,
                        requestsPerSecond,
                        now,
                        runId);
            } catch (DuplicateKeyException another) {
                // another host's run learned it at the same moment: either figure will do
            }
        }
    }
}
