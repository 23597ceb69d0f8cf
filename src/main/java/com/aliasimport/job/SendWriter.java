package com.aliasimport.job;

import com.aliasimport.sending.SendingPipeline;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Hands the chunk's valid rows to the sending pipeline and returns: they are sent while the next chunk is read, and
 * each row's outcome is recorded on its own. The checkpoint ({@link PipelineCheckpoint}) never passes a row without
 * one. Waits only while the pipeline's queue is full.
 */
final class SendWriter<R, I extends SendItem<R>> implements ItemWriter<I> {

    private final SendingPipeline<R, ?> pipeline;
    private final PipelineCheckpoint checkpoint;

    SendWriter(SendingPipeline<R, ?> pipeline, PipelineCheckpoint checkpoint) {
        this.pipeline = pipeline;
        this.checkpoint = checkpoint;
    }

    @Override
    public void write(Chunk<? extends I> chunk) throws InterruptedException {
        for (I item : chunk) {
            if (!pipeline.submit(new SendingPipeline.Pending<>(item.line(), item.payload()))) {
                break;
            }
        }
        checkpoint.throwIfStopped();
    }
}
