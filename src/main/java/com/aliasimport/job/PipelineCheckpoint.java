package com.aliasimport.job;

import com.aliasimport.sending.SendingPipeline;
import java.util.function.BooleanSupplier;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * The sending pipeline's part in each chunk's checkpoint, in the chunk's transaction: outcomes recorded so far
 * go to the database; once the reader has handed out its last row, every row sent gets its outcome before the
 * step may end; and a pipeline that stopped fails the step (resumably) with its reason.
 */
final class PipelineCheckpoint implements ItemStream {

    private final SendingPipeline<?, ?> pipeline;
    private final OutcomeRecorder<?> outcomes;
    private final BooleanSupplier inputFinished;

    PipelineCheckpoint(SendingPipeline<?, ?> pipeline, OutcomeRecorder<?> outcomes, BooleanSupplier inputFinished) {
        this.pipeline = pipeline;
        this.outcomes = outcomes;
        this.inputFinished = inputFinished;
    }

    @Override
    public void update(ExecutionContext context) {
        try {
            if (inputFinished.getAsBoolean()) {
                pipeline.drain();
            }
            throwIfStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ItemStreamException("interrupted while waiting for rows in flight", e);
        }
        outcomes.flush();
    }

    /**
     * When the pipeline has stopped: waits for the requests in flight, drops the failures that were the run's
     * rather than the rows' (a resumed run sends those rows again) and fails the chunk with the reason.
     */
    void throwIfStopped() throws InterruptedException {
        if (!pipeline.stopped()) {
            return;
        }
        pipeline.drain();
        outcomes.flush();
        outcomes.forget(pipeline.linesToForget());
        throw pipeline.stopFailure();
    }
}
