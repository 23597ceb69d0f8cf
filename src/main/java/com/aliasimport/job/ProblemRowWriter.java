package com.aliasimport.job;

import com.aliasimport.mapping.ClassifiedRow;
import com.aliasimport.mapping.RowProblem;
import com.aliasimport.outcome.FailedRow;
import com.aliasimport.outcome.FailureType;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Stores the chunk's rows that failed a check (INVALID) or repeat an earlier row (DUPLICATE), with the checkpoint. */
final class ProblemRowWriter implements ItemWriter<ClassifiedRow> {

    private final OutcomeRecorder outcomes;
    private final RunProgress progress;

    ProblemRowWriter(OutcomeRecorder outcomes, RunProgress progress) {
        this.outcomes = outcomes;
        this.progress = progress;
    }

    @Override
    public void write(Chunk<? extends ClassifiedRow> chunk) {
        List<FailedRow> rows = new ArrayList<>(chunk.size());
        for (ClassifiedRow row : chunk) {
            RowProblem p = row.problem();
            FailureType type = p.kind() == RowProblem.Kind.DUPLICATE ? FailureType.DUPLICATE : FailureType.INVALID;
            rows.add(new FailedRow(
                    outcomes.runId(), row.line(), row.record(), type, null, p.message(), 0, null, null, null));
            progress.notSent();
        }
        outcomes.problems(rows);
    }
}
