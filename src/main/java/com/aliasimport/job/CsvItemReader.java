package com.aliasimport.job;

import com.aliasimport.csv.CsvRow;
import com.aliasimport.csv.CsvRowCursor;
import com.aliasimport.csv.CsvSettings;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads a file's rows and hands out the items the job makes of each (an import: the row, classified valid, invalid
 * or duplicate; an anonymize check: one item per key), restartably. The checkpoint is the number of records before
 * the oldest item handed out that has no outcome yet (items are sent while later ones are read, and one set aside
 * for a retry may finish long after those behind it): a restart skips that many records while replaying them
 * through the job's {@link RowItems}, so that duplicates of rows before the checkpoint are still recognised, and
 * passes over items after it that a session that ended early already dealt with.
 * <p>
 * With a limit (a canary run), it stops before the first row past the limit that holds a valid item and marks the
 * step to end STOPPED, so the same command resumes from exactly that row.
 *
 * @param <I> the job's item
 */
public final class CsvItemReader<I extends SendItem<?>> implements ItemStreamReader<I>, StepExecutionListener {

    static final String POSITION = "csv.records.read";

    /** What a job makes of a row: its items, in order. Called for every row, skipped ones included. */
    @FunctionalInterface
    public interface RowItems<I> {
        List<I> of(CsvRow row);
    }

    /** An item handed out, the file line it came from, and the checkpoint that would read it again. */
    private record HandedOut(long itemLine, long fileLine, long position) {}

    private record Ready<I>(I item, HandedOut at) {}

    private final Path file;
    private final CsvSettings settings;
    private final RowItems<I> rowItems;
    private final long limit;
    private final RunProgress progress;
    private final Rewind rewind;
    private final DoneLines doneLines;
    private final Supplier<OptionalLong> oldestPendingLine;
    private final ArrayDeque<HandedOut> handedOut = new ArrayDeque<>();
    /** Items of the last row read that are still to be handed out. */
    private final ArrayDeque<Ready<I>> ready = new ArrayDeque<>();

    private CsvRowCursor cursor;
    private CsvRow pending;
    private StepExecution stepExecution;
    private long position;
    private long lastLine;
    private long validHandedOut;
    private boolean limitReached;
    private boolean finished;

    /**
     * @param limit hand out at most this many valid items (0: no limit)
     * @param rewind a file line to read again from, before the checkpoint
     * @param doneLines items after the checkpoint that already have an outcome
     * @param oldestPendingLine the item line of the oldest item handed out that has no outcome yet
     */
    CsvItemReader(
            Path file,
            CsvSettings settings,
            RowItems<I> rowItems,
            long limit,
            RunProgress progress,
            Rewind rewind,
            DoneLines doneLines,
            Supplier<OptionalLong> oldestPendingLine) {
        this.rewind = rewind;
        this.file = file;
        this.settings = settings;
        this.rowItems = rowItems;
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
            cursor = CsvRowCursor.open(file, settings, position, rowItems::of);
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
            rowItems.of(row);
            position++;
        }
    }

    @Override
    public I read() {
        while (ready.isEmpty() && !limitReached) {
            CsvRow row = pending != null ? pending : cursor.next();
            pending = null;
            if (row == null) {
                finished = true;
                return null;
            }
            List<I> items = rowItems.of(row);
            long valid = 0;
            for (I item : items) {
                if (item.isValid() && !doneLines.isDone(item.line())) {
                    valid++;
                }
            }
            if (valid > 0 && limit > 0 && validHandedOut >= limit) {
                // Leave this row unread: the checkpoint stays before it and the next run starts with it.
                limitReached = true;
                finished = true;
                pending = row;
                stepExecution.setTerminateOnly();
                return null;
            }
            validHandedOut += valid;
            for (I item : items) {
                if (doneLines.isDone(item.line())) {
                    progress.alreadyDone();
                } else {
                    ready.addLast(new Ready<>(item, new HandedOut(item.line(), row.line(), position)));
                }
            }
            position++;
            lastLine = row.line();
            if (!ready.isEmpty()) {
                progress.read();
            }
        }
        Ready<I> next = ready.pollFirst();
        if (next == null) {
            return null;
        }
        handedOut.addLast(next.at());
        return next.item();
    }

    /** No more items to hand out: the end of the file, or the canary's limit. */
    public boolean finished() {
        return finished && ready.isEmpty();
    }

    @Override
    public void update(ExecutionContext context) {
        OptionalLong oldest = oldestPendingLine.get();
        while (!handedOut.isEmpty()
                && (oldest.isEmpty() || handedOut.peekFirst().itemLine() < oldest.getAsLong())) {
            handedOut.removeFirst();
        }
        // An item not handed out yet (a chunk ended between a row's items) keeps its row before the checkpoint too.
        HandedOut first = handedOut.isEmpty()
                ? (ready.isEmpty() ? null : ready.peekFirst().at())
                : handedOut.peekFirst();
        context.putLong(POSITION, first != null ? first.position() : position);
        long readAgainFrom = first != null ? first.fileLine() : lastLine + 1;
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
