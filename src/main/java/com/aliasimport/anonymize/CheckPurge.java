package com.aliasimport.anonymize;

import com.aliasimport.outcome.RowOutcomeStore;
import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunLock;
import com.aliasimport.run.RunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes the personal data anonymize checks stored: the records each key matched and the keys themselves (failed
 * keys keep them to be sent again). The run stays in {@code history} with its counts, marked purged. A run being
 * checked now is left alone: its lock is held.
 */
@Service
public class CheckPurge {

    private final RunStore runs;
    private final CheckResultStore results;
    private final RowOutcomeStore outcomes;
    private final RunLock runLock;
    private final TransactionTemplate transaction;

    CheckPurge(
            RunStore runs,
            CheckResultStore results,
            RowOutcomeStore outcomes,
            RunLock runLock,
            PlatformTransactionManager transactionManager) {
        this.runs = runs;
        this.results = results;
        this.outcomes = outcomes;
        this.runLock = runLock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** A run purged: how many result lines and failed keys were deleted. */
    public record Purged(ImportRun run, int resultLines, int failedKeys) {}

    /** Purges one anonymize check. */
    public Purged purge(ImportRun run) {
        if (run.kind() != ImportRun.Kind.CHECK) {
            throw new IllegalArgumentException("run " + run.id() + " is not an anonymize check");
        }
        try (RunLock.Held lock = runLock.acquire(RunLock.keyFor(run.contentHash(), run.target()), run.fileName())) {
            int[] deleted = new int[2];
            transaction.executeWithoutResult(tx -> {
                deleted[0] = results.purge(run.id());
                deleted[1] = outcomes.deleteFailed(run.id());
                runs.markPurged(run.id());
            });
            return new Purged(run, deleted[0], deleted[1]);
        }
    }

    /** Purges every anonymize check that ended more than {@code age} ago and was not purged yet. */
    public List<Purged> purgeOlderThan(Duration age) {
        List<Purged> purged = new ArrayList<>();
        for (ImportRun run : runs.checksBefore(Instant.now().minus(age))) {
            purged.add(purge(run));
        }
        return purged;
    }
}
