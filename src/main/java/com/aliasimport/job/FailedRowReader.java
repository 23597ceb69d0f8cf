package com.aliasimport.job;

import com.aliasimport.outcome.FailedRow;
import com.aliasimport.outcome.FailedRowRetries;
import com.aliasimport.outcome.FailureType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the unresolved failed rows of a run, page by page in line order, for a retry-failed pass. The checkpoint
 * is the line before the oldest row handed out that has no outcome yet; rows a crashed session already got through
 * are resolved and no longer read.
 */
final class FailedRowReader<R> implements ItemStreamReader<SendItem<R>> {

    static final String LAST_LINE = "retry.last.line";
    private static final int PAGE = 500;

    private final FailedRowRetries retries;
    private final long originRunId;
    private final List<FailureType> types;
    private final RunProgress progress;
    private final Rewind rewind;
    private final Supplier<OptionalLong> oldestPendingLine;
    private final Function<FailedRow, SendItem<R>> resend;
    private final Deque<FailedRow> page = new ArrayDeque<>();
    private long lastLine;
    private boolean exhausted;
    private boolean finished;

    FailedRowReader(
            FailedRowRetries retries,
            long originRunId,
            List<FailureType> types,
            RunProgress progress,
            Rewind rewind,
            Supplier<OptionalLong> oldestPendingLine,
            Function<FailedRow, SendItem<R>> resend) {
        this.resend = resend;
        this.rewind = rewind;
        this.oldestPendingLine = oldestPendingLine;
        this.retries = retries;
        this.originRunId = originRunId;
        this.types = List.copyOf(types);
        this.progress = progress;
    }

    @Override
    public void open(ExecutionContext context) {
        lastLine = context.getLong(LAST_LINE, 0L);
        if (rewind.line() > 0) {
            lastLine = Math.min(lastLine, rewind.line() - 1);
        }
    }

    @Override
    public SendItem<R> read() {
        if (page.isEmpty() && !exhausted) {
            List<FailedRow> next = retries.unresolved(originRunId, types, lastLine, PAGE);
            exhausted = next.size() < PAGE;
            page.addAll(next);
        }
        FailedRow row = page.poll();
        if (row == null) {
            finished = true;
            return null;
        }
        lastLine = row.line();
        progress.read();
        return resend.apply(row);
    }

    /** Every row has been handed out. */
    boolean finished() {
        return finished;
    }

    @Override
    public void update(ExecutionContext context) {
        OptionalLong oldest = oldestPendingLine.get();
        long done = oldest.isPresent() ? Math.min(lastLine, oldest.getAsLong() - 1) : lastLine;
        context.putLong(LAST_LINE, done);
        if (rewind.line() > 0 && done >= rewind.line()) {
            rewind.clear().run();
        }
    }
}
