package com.aliasimport.job;

import com.aliasimport.outcome.FailedRow;
import com.aliasimport.outcome.FailureType;
import com.aliasimport.outcome.RowProblem;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Stores the chunk's rows that failed a check (INVALID) or repeat an earlier row (DUPLICATE), with the checkpoint. */
final class ProblemRowWriter<I extends SendItem<?>> implements ItemWriter<I> {

    private final OutcomeRecorder<?> outcomes;
    private final RunProgress progress;

    ProblemRowWriter(OutcomeRecorder<?> outcomes, RunProgress progress) {
        this.outcomes = outcomes;
        this.progress = progress;
    }

    @Override
    public void write(Chunk<? extends I> chunk) {
        List<FailedRow> rows = new ArrayList<>(chunk.size());
        for (I item : chunk) {
            RowProblem p = item.problem();
            FailureType type = p.kind() == RowProblem.Kind.DUPLICATE ? FailureType.DUPLICATE : FailureType.INVALID;
            rows.add(new FailedRow(
                    outcomes.runId(), item.line(), item.values(), type, null, p.message(), 0, null, null, null));
            progress.notSent();
        }
        outcomes.problems(rows);
    }
}
