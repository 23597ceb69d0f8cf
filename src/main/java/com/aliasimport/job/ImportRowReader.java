package com.aliasimport.job;

import java.nio.file.Path;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import com.aliasimport.csv.CsvRow;
import com.aliasimport.csv.CsvRowCursor;
import com.aliasimport.csv.CsvSettings;
import com.aliasimport.mapping.ClassifiedRow;
import com.aliasimport.mapping.RowClassifier;

/**
 * Reads the file's rows and classifies each one (valid, invalid, duplicate), restartably: the checkpoint is the
 * number of records handed out, and a restart skips that many while replaying them through the classifier so that
 * duplicates of rows before the checkpoint are still recognised.
 * <p>
 * With a limit (a canary run), it stops before the first valid row past the limit and marks the step to end
 * STOPPED, so the same command resumes from exactly that row.
 */
final class ImportRowReader implements ItemStreamReader<ClassifiedRow>, StepExecutionListener {

    static final String POSITION = "csv.records.read";

    private final Path file;
    private final CsvSettings settings;
    private final RowClassifier classifier;
    private final long limit;
    private final RunProgress progress;
    private final Rewind rewind;
    private CsvRowCursor cursor;
    private CsvRow pending;
    private long lastLine;
    private StepExecution stepExecution;
    private long position;
    private long validHandedOut;
    private boolean limitReached;

    ImportRowReader(Path file, CsvSettings settings, RowClassifier classifier, long limit, RunProgress progress,
            Rewind rewind) {
        this.rewind = rewind;
        this.file = file;
        this.settings = settings;
        this.classifier = classifier;
        this.limit = limit;
        this.progress = progress;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.stepExecution = stepExecution;
    }

    @Override
    public void open(ExecutionContext context) {
        position = context.getLong(POSITION, 0L);
        if (rewind.line() > 0 && position > 0) {
            openAtRewindLine();
        } else {
            cursor = CsvRowCursor.open(file, settings, position, classifier::classify);
        }
        progress.resumedAt(position);
    }

    /** Replays the rows before the rewind line and keeps the first row at or after it for {@link #read()}. */
    private void openAtRewindLine() {
        cursor = CsvRowCursor.open(file, settings, 0, null);
        long checkpoint = position;
        position = 0;
        while (position < checkpoint) {
            CsvRow row = cursor.next();
            if (row == null) {
                return;
            }
            if (row.line() >= rewind.line()) {
                pending = row;
                return;
            }
            classifier.classify(row);
            position++;
        }
    }

    @Override
    public ClassifiedRow read() {
        if (limitReached) {
            return null;
        }
        CsvRow row = pending != null ? pending : cursor.next();
        pending = null;
        if (row == null) {
            return null;
        }
        ClassifiedRow classified = classifier.classify(row);
        if (classified.isValid() && limit > 0 && validHandedOut >= limit) {
            // Leave this row unread: the checkpoint stays before it and the next run starts with it.
            limitReached = true;
            pending = row;
            stepExecution.setTerminateOnly();
            return null;
        }
        if (classified.isValid()) {
            validHandedOut++;
        }
        position++;
        lastLine = row.line();
        progress.read();
        return classified;
    }

    boolean limitReached() {
        return limitReached;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(POSITION, position);
        if (rewind.line() > 0 && lastLine >= rewind.line()) {
            rewind.clear().run();
        }
    }

    @Override
    public void close() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }
}
