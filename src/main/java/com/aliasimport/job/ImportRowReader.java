package com.aliasimport.job;

import com.aliasimport.csv.CsvRow;
import com.aliasimport.csv.CsvRowCursor;
import com.aliasimport.csv.CsvSettings;
import com.aliasimport.mapping.ClassifiedRow;
import com.aliasimport.mapping.RowClassifier;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the file's rows and classifies each one (valid, invalid, duplicate), restartably. The checkpoint is the
 * number of records before the oldest row handed out that has no outcome yet (rows are sent while later ones are
 * read, and a row set aside for a retry may finish long after the rows behind it): a restart skips that many
 * records while replaying them through the classifier, so that duplicates of rows before the checkpoint are still
 * recognised, and passes over rows after it that a session that ended early already dealt with.
 * <p>
 * With a limit (a canary run), it stops before the first valid row past the limit and marks the step to end
 * STOPPED, so the same command resumes from exactly that row.
 */
final class ImportRowReader implements ItemStreamReader<ClassifiedRow>, StepExecutionListener {

    static final String POSITION = "csv.records.read";

    /** A row handed out, and the checkpoint that would read it again. */
    private record HandedOut(long line, long position) {}

    private final Path file;
    private final CsvSettings settings;
    private final RowClassifier classifier;
    private final long limit;
    private final RunProgress progress;
    private final Rewind rewind;
    private final DoneLines doneLines;
    private final Supplier<OptionalLong> oldestPendingLine;
    private final ArrayDeque<HandedOut> handedOut = new ArrayDeque<>();
    private CsvRowCursor cursor;
    private CsvRow pending;
    private StepExecution stepExecution;
    private long position;
    private long lastLine;
    private long validHandedOut;
    private boolean limitReached;
    private boolean finished;

    /**
     * @param doneLines rows after the checkpoint that already have an outcome
     * @param oldestPendingLine the line of the oldest row handed out that has no outcome yet
     */
    ImportRowReader(
            Path file,
            CsvSettings settings,
            RowClassifier classifier,
            long limit,
            RunProgress progress,
            Rewind rewind,
            DoneLines doneLines,
            Supplier<OptionalLong> oldestPendingLine) {
        this.rewind = rewind;
        this.file = file;
        this.settings = settings;
        this.classifier = classifier;
        this.limit = limit;
        this.progress = progress;
        this.doneLines = doneLines;
        this.oldestPendingLine = oldestPendingLine;
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
        while (!limitReached) {
            CsvRow row = pending != null ? pending : cursor.next();
            pending = null;
            if (row == null) {
                finished = true;
                return null;
            }
            ClassifiedRow classified = classifier.classify(row);
            if (doneLines.isDone(row.line())) {
                position++;
                lastLine = row.line();
                progress.alreadyDone();
                continue;
            }
            if (classified.isValid() && limit > 0 && validHandedOut >= limit) {
                // Leave this row unread: the checkpoint stays before it and the next run starts with it.
                limitReached = true;
                finished = true;
                pending = row;
                stepExecution.setTerminateOnly();
                return null;
            }
            if (classified.isValid()) {
                validHandedOut++;
            }
            handedOut.addLast(new HandedOut(row.line(), position));
            position++;
            lastLine = row.line();
            progress.read();
            return classified;
        }
        return null;
    }

    /** No more rows to hand out: the end of the file, or the canary's limit. */
    boolean finished() {
        return finished;
    }

    @Override
    public void update(ExecutionContext context) {
        OptionalLong oldest = oldestPendingLine.get();
        while (!handedOut.isEmpty()
                && (oldest.isEmpty() || handedOut.peekFirst().line() < oldest.getAsLong())) {
            handedOut.removeFirst();
        }
        HandedOut first = handedOut.peekFirst();
        context.putLong(POSITION, first != null ? first.position() : position);
        long readAgainFrom = first != null ? first.line() : lastLine + 1;
        if (rewind.line() > 0 && lastLine > 0 && readAgainFrom > rewind.line()) {
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
