package com.aliasimport.job;

import com.aliasimport.mapping.ClassifiedRow;
import com.aliasimport.sending.SendingPipeline;
import java.util.Map;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Hands the chunk's valid rows to the sending pipeline and returns: they are sent while the next chunk is read, and
 * each row's outcome is recorded on its own. The checkpoint ({@link PipelineCheckpoint}) never passes a row without
 * one. Waits only while the pipeline's queue is full.
 */
final class SendWriter implements ItemWriter<ClassifiedRow> {

    private final SendingPipeline<Map<String, String>, Void> pipeline;
    private final PipelineCheckpoint checkpoint;

    SendWriter(SendingPipeline<Map<String, String>, Void> pipeline, PipelineCheckpoint checkpoint) {
        this.pipeline = pipeline;
        this.checkpoint = checkpoint;
    }

    @Override
    public void write(Chunk<? extends ClassifiedRow> chunk) throws InterruptedException {
        for (ClassifiedRow row : chunk) {
            if (!pipeline.submit(new SendingPipeline.Pending<>(row.line(), row.record()))) {
                break;
            }
        }
        checkpoint.throwIfStopped();
    }
}
