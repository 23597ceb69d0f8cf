package com.aliasimport.outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Writes items that many threads hand in at once in shared transactions (group commit), and returns to each caller
 * only once its own item is committed. The first caller to find no write in progress writes everything queued so
 * far; callers arriving meanwhile wait and go in the next batch. So a sending thread never starts its next row
 * before the outcome of its last one is durable (the crash bound stays at one row per thread), while the database
 * sees one commit per batch instead of one per row.
 *
 * <p>A batch that fails to commit fails every caller in it, each with its own exception.
 *
 * @param <T> what one caller writes
 */
final class GroupCommit<T> {

    private final Consumer<List<T>> writeAndCommit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition batchDone = lock.newCondition();
    private List<Ticket<T>> queued = new ArrayList<>();
    private boolean writing;

    /** @param writeAndCommit writes a batch in one transaction and commits it, or throws */
    GroupCommit(Consumer<List<T>> writeAndCommit) {
        this.writeAndCommit = writeAndCommit;
    }

    private static final class Ticket<T> {
        final T item;
        boolean done;
        Throwable failure;

        Ticket(T item) {
            this.item = item;
        }
    }

    /** Returns once {@code item} is committed; throws if the batch it went in failed. */
    void write(T item) {
        Ticket<T> ticket = new Ticket<>(item);
        lock.lock();
        try {
            queued.add(ticket);
            while (!ticket.done) {
                if (writing) {
                    batchDone.awaitUninterruptibly(); // the writer always finishes, one way or the other
                } else {
                    writeQueued();
                }
            }
        } finally {
            lock.unlock();
        }
        if (ticket.failure != null) {
            throw new IllegalStateException(
                    "could not store an outcome: " + ticket.failure.getMessage(), ticket.failure);
        }
    }

    /** Items waiting for the next batch (for tests). */
    int queued() {
        lock.lock();
        try {
            return queued.size();
        } finally {
            lock.unlock();
        }
    }

    /** Called holding the lock; writes without it so that others can queue meanwhile. */
    private void writeQueued() {
        writing = true;
        List<Ticket<T>> batch = queued;
        queued = new ArrayList<>();
        Throwable failure = null;
        lock.unlock();
        try {
            List<T> items = new ArrayList<>(batch.size());
            for (Ticket<T> t : batch) {
                items.add(t.item);
            }
            writeAndCommit.accept(items);
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            lock.lock();
            for (Ticket<T> t : batch) {
                t.failure = failure;
                t.done = true;
            }
            writing = false;
            batchDone.signalAll();
        }
    }
}
