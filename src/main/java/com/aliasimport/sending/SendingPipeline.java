package com.aliasimport.sending;

import com.aliasimport.sending.flow.FlowControl;
import com.aliasimport.sending.flow.FlowFigures;
import com.aliasimport.sending.flow.InFlightLimit;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;

/**
 * Sends rows to a CustomerGauge API under flow control, whatever the job: a job hands rows in with
 * {@link #submit}, its {@link Endpoint} says what to send and what each answer means, and its {@link OutcomeSink}
 * records what became of each row.
 * <p>
 * One sending thread at a time holds the dispatcher's turn: it takes the next row (a set-aside row whose back-off is
 * over, within a {@link RetryBudget}, else a new one), makes sure there is a token, takes a place in flight
 * ({@link InFlightLimit}) and waits for the pace ({@link FlowControl}), then passes the turn on and sends that
 * request itself (the leader/followers pattern: a request is not handed from a dispatching thread to a sending
 * thread, a context switch per request that an unthrottled run pays for). The turn goes to another thread at once
 * while there is room in flight, else to the first sending thread done with its row, which then takes the place
 * that row held. A row that meets a transient failure (429, 5xx, timeout, reset) is set aside until its back-off
 * ({@link RetrySchedule}) is over, while the rows after it keep flowing (as NiFi penalises a FlowFile); so a few
 * rows that keep failing never hold the others back, nor take more than a small share of the rate from them. The
 * checkpoint a job may store is the oldest row without a recorded outcome ({@link #oldestPending}), so resuming
 * after a crash loses nothing.
 * <p>
 * While the last attempts all failed transiently, new rows go one at a time, each ahead of the set-aside rows
 * (probing the API: the set-aside rows may be bad rows, whatever the API's state); a failure that is not about a
 * row, or a streak of the same failure ({@link FailFast}), stops the pipeline: rows in flight finish, rows not yet
 * sent get no outcome (a resumed run sends them).
 *
 * @param <R> a row as the job sends it
 * @param <T> what the job keeps from a successful answer
 */
public final class SendingPipeline<R, T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SendingPipeline.class);
    /** New rows queued for the dispatcher: enough to keep it busy, few enough to keep memory flat. */
    private static final int QUEUE_CAPACITY = 1024;
    /** Set-aside rows at most; past this, new rows wait (so memory stays flat when many rows keep failing). */
    private static final int SET_ASIDE_CAPACITY = 10_000;
    /** The longest a thread that found no place in flight waits before looking again. */
    private static final long LOOK_AGAIN_AT_MOST = TimeUnit.MILLISECONDS.toNanos(100);

    /**
     * A row handed to the pipeline.
     *
     * @param line the row's line in the file: rows are handed in in line order, and the checkpoint is a line
     */
    public record Pending<R>(long line, R row) {}

    /** Where outcomes go: called from sending threads; returns once the outcome is durable. */
    @FunctionalInterface
    public interface OutcomeSink<R, T> {
        void record(Pending<R> row, SendOutcome<T> outcome, Instant firstAttempt);
    }

    /**
     * Answers by HTTP status, for the run's metrics: an adder per status code, slot 0 for no answer, so that counting
     * on the hot path allocates nothing.
     */
    private final LongAdder[] answers = newAdders(600);

    private final Endpoint<R, T> endpoint;
    private final AccessTokens tokens;
    private final HttpTransport transport;
    private final FlowControl flow;
    private final InFlightLimit inFlightLimit;
    private final RetrySchedule retries;
    private final FailFast failFast;
    private final OutcomeSink<R, T> sink;
    private final int admitAfterFailures;
    private final ThreadPoolExecutor senders;
    /** Held by the sending thread whose turn it is to get the next request ready (see the class comment). */
    private final ReentrantLock dispatcherTurn = new ReentrantLock();

    private volatile Thread turnHolder;
    /** Whether a thread without a request waits to look for a place in flight again (one at most). */
    private final AtomicBoolean lookingAgain = new AtomicBoolean();

    private final ReentrantLock lock = new ReentrantLock();
    /** The dispatcher waits here for a row to send (new, due again, or let go by the first answer or a probe). */
    private final Condition work = lock.newCondition();
    /** Callers of {@link #submit} wait here for room in the queue. */
    private final Condition room = lock.newCondition();
    /** Callers of {@link #drain} wait here for every row to settle. */
    private final Condition settled = lock.newCondition();
    /** A thread that found no place in flight waits here to look again (see {@link #lookAgainLater}). */
    private final Condition placeMayBeFree = lock.newCondition();

    private final ArrayDeque<Entry> queued = new ArrayDeque<>();
    private final PriorityQueue<Entry> setAside = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
    /** Lines of rows without a recorded outcome (queued, set aside or in flight), with how many at each. */
    private final TreeMap<Long, Integer> pending = new TreeMap<>();
    /** Rows taken by the dispatcher and not back yet: on their way, or on the wire. */
    private int inProgress;

    private int onTheWire;
    private int mostInFlight;
    private int failuresInARow;
    /** The new row let through to find out whether the API works while attempts keep failing; null if none. */
    private Entry probe;
    /** Attempts that got an answer about the row itself (done or rejected), all rows together. */
    private final AtomicLong gotThrough = new AtomicLong();

    private boolean firstAnswered;
    private boolean halted;
    /** How many due retries may go ahead of new rows. */
    private final RetryBudget retryBudget = new RetryBudget();
    /**
     * The row the turn holder is getting a token, a place and a slot for; it stays here for the next turn when no
     * place in flight is free (only the turn holder touches it).
     */
    private Entry held;
    /** What a turn comes to when no place in flight is free: the row stays {@link #held}. */
    private final Ready noRoom = new Ready(null, null, null, null);

    /**
     * @param failFastAfter the same non-row failure this many rows in a row stops the pipeline; as many transient
     *        failures in a row hold new rows back until an attempt succeeds
     * @param concurrency requests in flight at most (the sending threads)
     */
    public SendingPipeline(
            Endpoint<R, T> endpoint,
            AccessTokens tokens,
            HttpTransport transport,
            FlowControl flow,
            InFlightLimit inFlightLimit,
            RetrySchedule retries,
            int failFastAfter,
            int concurrency,
            OutcomeSink<R, T> sink) {
        this.endpoint = endpoint;
        this.tokens = tokens;
        this.transport = transport;
        this.flow = flow;
        this.inFlightLimit = inFlightLimit;
        this.retries = retries;
        this.sink = sink;
        this.admitAfterFailures = failFastAfter;
        this.failFast = new FailFast(failFastAfter, endpoint.description(), this::halt);
        // As many threads as requests may be in flight: a row is between its request and its recorded outcome on a
        // thread of its own, so a crash re-sends at most that many rows.
        this.senders = new ThreadPoolExecutor(
                0, concurrency, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads("sender"));
        this.senders.execute(this::takeTurns);
    }

    /** Hands a row in; waits while the queue is full. Returns false, without taking the row, once stopped. */
    public boolean submit(Pending<R> row) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!halted && (queued.size() >= QUEUE_CAPACITY || setAside.size() >= SET_ASIDE_CAPACITY)) {
                room.await();
            }
            if (halted) {
                return false;
            }
            queued.addLast(new Entry(row));
            pending.merge(row.line(), 1, Integer::sum);
            work.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every row handed in has its outcome recorded, or, once stopped, until no request is in flight
     * (rows not sent then have no outcome).
     */
    public void drain() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (halted ? inProgress > 0 : !(queued.isEmpty() && setAside.isEmpty() && inProgress == 0)) {
                settled.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The line of the oldest row handed in without a recorded outcome; empty if there is none. */
    public OptionalLong oldestPending() {
        lock.lock();
        try {
            return pending.isEmpty() ? OptionalLong.empty() : OptionalLong.of(pending.firstKey());
        } finally {
            lock.unlock();
        }
    }

    /** Stops sending for a reason that is not about a row (another process took the run over, say). */
    public void stop(String reason) {
        failFast.stop(reason);
    }

    /** Stops sending for a failure that is not about a row (a certificate problem is a configuration error). */
    public void stop(SystemicFailureException failure) {
        failFast.stop(failure.getMessage(), failure instanceof CertificateProblemException);
    }

    public boolean stopped() {
        return failFast.stopped();
    }

    /** Why it stopped, as the exception a job fails with (null if it did not stop). */
    public SystemicFailureException stopFailure() {
        String reason = failFast.stopReason();
        if (reason == null) {
            return null;
        }
        return failFast.stoppedByConfigurationError()
                ? new CertificateProblemException(reason)
                : new SystemicFailureException(reason);
    }

    /** Why it stopped, or null. */
    public String stopReason() {
        return failFast.stopReason();
    }

    /** Lines whose failures were the run's, not theirs: their records must go, so that a resumed run sends them. */
    public List<Long> linesToForget() {
        return failFast.linesToForget();
    }

    public FlowFigures flowFigures() {
        return flow.figures();
    }

    /** Requests answered, by HTTP status ("none" for those that got no answer: a timeout, a reset, no connection). */
    public Map<String, Long> answersByStatus() {
        Map<String, Long> counts = new TreeMap<>();
        for (int status = 0; status < answers.length; status++) {
            long n = answers[status].sum();
            if (n > 0) {
                counts.put(status == 0 ? "none" : Integer.toString(status), n);
            }
        }
        return counts;
    }

    private static LongAdder[] newAdders(int n) {
        LongAdder[] adders = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    public int tokenRequests() {
        return tokens.requests();
    }

    /** The most requests that were in flight at once. */
    public int mostInFlight() {
        lock.lock();
        try {
            return mostInFlight;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the dispatcher and the sending threads (call {@link #drain} first to let rows finish). */
    @Override
    public void close() {
        lock.lock();
        try {
            halted = true;
            wakeEveryone();
        } finally {
            lock.unlock();
        }
        flow.cancel();
        Thread holder = turnHolder;
        if (holder != null) {
            holder.interrupt(); // it may wait for a place in flight
        }
        senders.shutdown();
        try {
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
    }

    /** A row on its way through the pipeline: what its attempts so far have learned. */
    private final class Entry {
        final Pending<R> row;
        int attempts;
        boolean answerLost;
        /** Attempts of any row that got through when this row last renewed the token; -1 before it did. */
        long gotThroughAtRenewal = -1;

        Instant firstAttempt;
        /** Attempts of any row that got through before this row's first attempt went; -1 before it did. */
        long gotThroughAtFirstAttempt = -1;
        /** Whether an attempt of this row failed transiently (429, 5xx, timeout, reset). */
        boolean failedTransiently;

        long due;

        Entry(Pending<R> row) {
            this.row = row;
        }
    }

    private void halt() {
        lock.lock();
        try {
            halted = true;
            wakeEveryone();
        } finally {
            lock.unlock();
        }
        flow.cancel();
    }

    // ---------------------------------------------------------------------------------------------- the dispatcher

    /** A request ready to go: its row, token, place in flight and paced permit. */
    private final class Ready {
        final Entry entry;
        final String token;
        final InFlightLimit.Slot slot;
        final FlowControl.Permit permit;

        Ready(Entry entry, String token, InFlightLimit.Slot slot, FlowControl.Permit permit) {
            this.entry = entry;
            this.token = token;
            this.slot = slot;
            this.permit = permit;
        }
    }

    /**
     * Runs on a sending thread: while the dispatcher's turn is free, takes it, gets the next request ready, passes
     * the turn on and sends the request; returns when another thread has the turn, or once stopped.
     */
    private void takeTurns() {
        boolean lookedAgain = false;
        while (dispatcherTurn.tryLock()) {
            Ready ready;
            try {
                turnHolder = Thread.currentThread();
                ready = ready();
            } finally {
                turnHolder = null;
                dispatcherTurn.unlock();
            }
            if (ready == null) {
                return; // stopped: nobody takes the turn again
            }
            if (ready == noRoom) {
                // No place in flight: the thread whose request ends next takes the turn and the place it frees (no
                // thread waits for a place, to be woken by each request that ends). A place freed before the turn was
                // let go, or a request that hangs until it stops counting, is looked for again here.
                if (!lookedAgain && inFlightLimit.hasRoom() || lookAgainLater()) {
                    lookedAgain = true;
                    continue;
                }
                return;
            }
            lookedAgain = false;
            if (inFlightLimit.hasRoom()) {
                passTurn();
            }
            attempt(ready.entry, ready.token, ready.slot, ready.permit);
            Thread.interrupted(); // an interrupt meant for the turn holder must not stop this thread's next turn
        }
    }

    /**
     * Waits, on one thread at most, until a request in flight could be overdue (then it stops counting and frees a
     * place without ending) or {@link #LOOK_AGAIN_AT_MOST} has passed, a safety net for a place freed unseen; false
     * if another thread waits already. Once halted it does not wait: the next turn lets go of the row held.
     */
    private boolean lookAgainLater() {
        if (!lookingAgain.compareAndSet(false, true)) {
            return false;
        }
        try {
            long wait = Math.min(inFlightLimit.nanosUntilOverdue(), LOOK_AGAIN_AT_MOST);
            lock.lock();
            try {
                if (!halted) {
                    placeMayBeFree.awaitNanos(Math.max(wait, 1));
                }
                return true;
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            return false;
        } finally {
            lookingAgain.set(false);
        }
    }

    /**
     * Another request may go before this one's answer: an idle thread takes the turn now. Without room in flight, or
     * with every thread busy (with a row on the wire or being recorded), the first thread done with its row takes
     * it. Once closed, nobody does: the pipeline is halted, so the request in hand is not sent either.
     */
    private void passTurn() {
        try {
            senders.execute(this::takeTurns);
        } catch (RejectedExecutionException busyOrClosed) {
            // see above
        }
    }

    /** The next request, ready to go; null once stopped (rows not sent have no outcome: a resumed run sends them). */
    private Ready ready() {
        try {
            if (held == null) {
                held = next();
                if (held == null) {
                    return null;
                }
            } else if (halted()) {
                releaseHeld();
                return null;
            }
            Ready ready = placeAndPermit(held);
            if (ready != noRoom) {
                held = null;
            }
            return ready;
        } catch (InterruptedException | CancellationException stopped) {
            // halted or closed
        } catch (RuntimeException e) {
            log.error("the dispatcher failed", e);
            stop("unexpected error while sending: " + e);
        }
        releaseHeld();
        return null;
    }

    /** Gets a token, a place in flight and a paced slot for the row; {@link #noRoom} if no place is free. */
    private Ready placeAndPermit(Entry entry) throws InterruptedException {
        String token = token();
        InFlightLimit.Slot slot = inFlightLimit.tryAcquire();
        if (slot == null) {
            return noRoom;
        }
        FlowControl.Permit permit;
        try {
            permit = flow.acquire();
        } catch (CancellationException stopped) {
            slot.ended();
            throw stopped;
        }
        if (!onTheWire(+1)) {
            permit.answered(0, false, null);
            slot.ended();
            throw new CancellationException("sending stopped");
        }
        return new Ready(entry, token, slot, permit);
    }

    /** The row the dispatcher was getting ready to send when it stopped: not sent, so its attempt is over. */
    private void releaseHeld() {
        Entry entry = held;
        held = null;
        if (entry != null) {
            attemptEnded(entry, null);
        }
    }

    /**
     * The next row to send: a set-aside row whose time has come, within the {@link RetryBudget} while new rows wait
     * (always when no new row may go, or once half the set-aside places are taken), else a new one; while probing, a
     * new row goes first when one may; null once halted.
     */
    private Entry next() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!halted) {
                long now = System.nanoTime();
                // Unthrottled, the first request goes alone: a wrong setting costs one request, not a hundred. At a
                // pace, rows go from the start: waiting would cost the run the first answer's latency, and what goes
                // before that answer is only the pace times that latency.
                boolean firstStillOut = !firstAnswered && inProgress > 0 && !flow.paced();
                // While attempts keep failing, new rows go one at a time: if one gets through, the API works and the
                // failures were the rows' own (a cluster of bad rows, say); if not, the rows set aside run out of
                // attempts and fail-fast stops the run.
                boolean probing = failuresInARow >= admitAfterFailures;
                boolean freshReady = !queued.isEmpty() && (!probing || probe == null);
                // While probing, a new row goes ahead of rows set aside: those may be rows that fail whatever the
                // API's state (a resumed run starts with the bad rows its last session left), which must not look
                // like an outage.
                Entry due = setAside.peek();
                if (!firstStillOut
                        && due != null
                        && due.due <= now
                        && (!freshReady
                                || !probing
                                        && (setAside.size() >= SET_ASIDE_CAPACITY / 2 || retryBudget.takeRetry()))) {
                    inProgress++;
                    Entry again = setAside.poll();
                    roomIfAny();
                    return again;
                }
                if (!firstStillOut && freshReady) {
                    inProgress++;
                    Entry fresh = queued.pollFirst();
                    probe = probing ? fresh : null;
                    retryBudget.newRowSent();
                    roomIfAny();
                    return fresh;
                }
                if (due != null && !firstStillOut) {
                    work.awaitNanos(due.due - now);
                } else {
                    work.await();
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** A token, trying again after a back-off while the token endpoint is unavailable. */
    private String token() throws InterruptedException {
        for (int failures = 1; ; failures++) {
            try {
                return tokens.current();
            } catch (SystemicFailureException e) {
                stop(e);
                throw new CancellationException(e.getMessage());
            } catch (TokenUnavailableException e) {
                if (!retries.allowsAnother(failures)) {
                    stop(e.getMessage() + " (gave up after " + failures + " attempts)");
                    throw new CancellationException(e.getMessage());
                }
                log.warn("{}; trying again", e.getMessage());
                waitUnlessHalted(retries.delay(failures, null));
            }
        }
    }

    private void waitUnlessHalted(Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        lock.lockInterruptibly();
        try {
            long left;
            while (!halted && (left = end - System.nanoTime()) > 0) {
                work.awaitNanos(left);
            }
            if (halted) {
                throw new CancellationException("sending stopped");
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean halted() {
        lock.lock();
        try {
            return halted;
        } finally {
            lock.unlock();
        }
    }

    /** Counts a request going on the wire (+1, unless halted meanwhile) or not going after all (-1). */
    private boolean onTheWire(int change) {
        lock.lock();
        try {
            if (change > 0 && halted) {
                return false;
            }
            onTheWire += change;
            mostInFlight = Math.max(mostInFlight, onTheWire);
            return true;
        } finally {
            lock.unlock();
        }
    }

    // -------------------------------------------------------------------------------------------- sending threads

    private void attempt(Entry entry, String token, InFlightLimit.Slot slot, FlowControl.Permit permit) {
        if (halted()) {
            // Stopped since its place and permit were granted: the row is not sent, so that no more rows go out
            // after a stop than were in flight when it came.
            onTheWire(-1);
            permit.answered(0, false, null);
            slot.ended();
            attemptEnded(entry, null);
            return;
        }
        Instant started = Instant.now();
        if (entry.firstAttempt == null) {
            entry.firstAttempt = started;
            entry.gotThroughAtFirstAttempt = gotThrough.get();
        }
        entry.attempts++;
        Reply reply = null;
        IOException failure = null;
        ApiCall call = null;
        try {
            call = endpoint.call(entry.row.row());
            reply = transport.exchange(call, token, permit::written);
        } catch (IOException e) {
            failure = e;
            String certificate = CertificateProblems.describe(e, call.uri());
            if (certificate != null) {
                // Stopped at once: every request would meet this certificate.
                stop(new CertificateProblemException(certificate));
            }
        } catch (RuntimeException e) {
            offTheWire();
            permit.answered(0, false, null);
            slot.ended();
            log.error("sending line {} failed unexpectedly", entry.row.line(), e);
            stop("unexpected error while sending: " + e);
            attemptEnded(entry, null);
            return;
        }
        offTheWire();
        // The place in flight is held until the outcome is recorded: a crash in between re-sends the row, so it is
        // one of the requests the duplicate bound counts, and this thread takes the place again for its next turn.
        int status = reply == null ? 0 : reply.status();
        answers[status > 0 && status < answers.length ? status : 0].increment();
        if (reply != null) {
            Duration retryAfter = RetryAfter.parse(reply.retryAfter(), started);
            permit.answered(reply.status(), true, reply.status() == 429 ? retryAfter : null);
            try {
                act(entry, endpoint.classify(reply), token, retryAfter);
            } finally {
                slot.answered();
            }
        } else {
            boolean connected = !NetworkErrors.isNotConnected(failure);
            permit.answered(0, connected, null);
            try {
                actOnFailure(entry, call, failure, connected);
            } finally {
                slot.ended();
            }
        }
    }

    /** The request is back (answered or failed): the first one's answer lets the others go. */
    private void offTheWire() {
        lock.lock();
        try {
            onTheWire--;
            if (!firstAnswered) {
                firstAnswered = true;
                work.signal(); // the first answer lets the others go
            }
        } finally {
            lock.unlock();
        }
    }

    private void act(Entry entry, Verdict<T> verdict, String token, Duration retryAfter) {
        if (verdict instanceof Verdict.Done<T> done) {
            succeeded();
            finish(entry, new SendOutcome.Succeeded<>(done.result(), entry.attempts, entry.answerLost));
        } else if (verdict instanceof Verdict.Rejected<T> rejected) {
            succeeded();
            finish(
                    entry,
                    new SendOutcome.Rejected<>(
                            rejected.status(), rejected.message(), rejected.rowSpecific(), entry.attempts));
        } else if (verdict instanceof Verdict.Retry<T> retry) {
            setAsideOrGiveUp(entry, retry.status(), retry.message(), retryAfter, false, retry.status() != 429);
        } else if (verdict instanceof Verdict.Renew<T>) {
            renewToken(entry, token);
        } else if (verdict instanceof Verdict.Systemic<T> systemic) {
            stop(systemic.message());
            attemptEnded(entry, null);
        }
    }

    private void renewToken(Entry entry, String token) {
        // A second 401 after renewing is the app's own (every token refused), unless other rows got through since:
        // then the tokens work and were revoked again (a storm of revocations), so this row renews again.
        if (entry.gotThroughAtRenewal >= 0 && gotThrough.get() == entry.gotThroughAtRenewal) {
            stop(endpoint.description() + " answers 401 Unauthorized even with a new token: check that the"
                    + " connected app may use it");
            attemptEnded(entry, null);
            return;
        }
        entry.gotThroughAtRenewal = gotThrough.get();
        try {
            tokens.renew(token);
        } catch (SystemicFailureException e) {
            stop(e);
            attemptEnded(entry, null);
            return;
        } catch (TokenUnavailableException e) {
            // The dispatcher gets the next token, backing off while the token endpoint is unavailable.
            log.warn("{}", e.getMessage());
        }
        attemptEnded(entry, System.nanoTime());
    }

    private void actOnFailure(Entry entry, ApiCall call, IOException failure, boolean connected) {
        if (CertificateProblems.describe(failure, call.uri()) != null) {
            attemptEnded(entry, null); // the pipeline stopped for it (see attempt)
            return;
        }
        if (NetworkErrors.isUnknownHost(failure)) {
            stop("cannot reach " + endpoint.description() + ": unknown host (check CUSTOMERGAUGE_REGION or "
                    + endpoint.urlSetting() + ")");
            attemptEnded(entry, null);
            return;
        }
        String message = NetworkErrors.describe(failure);
        if (connected) {
            // The request may have reached the API before the connection broke: the outcome is unknown.
            entry.answerLost = true;
            message += " (the API may have received it)";
        }
        setAsideOrGiveUp(entry, null, message, null, !connected, true);
    }

    /** A transient failure: the row goes again after its back-off, or ends {@link SendOutcome.Exhausted}. */
    private void setAsideOrGiveUp(
            Entry entry,
            Integer status,
            String message,
            Duration retryAfter,
            boolean neverConnected,
            boolean countsAsFailure) {
        entry.failedTransiently = true;
        if (countsAsFailure) {
            lock.lock();
            try {
                failuresInARow++;
            } finally {
                lock.unlock();
            }
        }
        if (!retries.allowsAnother(entry.attempts)) {
            finish(
                    entry,
                    new SendOutcome.Exhausted<>(status, message, entry.answerLost, neverConnected, entry.attempts));
            return;
        }
        attemptEnded(
                entry,
                System.nanoTime() + retries.delay(entry.attempts, retryAfter).toNanos());
    }

    private void succeeded() {
        gotThrough.incrementAndGet();
        lock.lock();
        try {
            if (failuresInARow >= admitAfterFailures) {
                work.signal(); // no longer probing: new rows may go
            }
            failuresInARow = 0;
        } finally {
            lock.unlock();
        }
    }

    /** The row has its outcome: recorded (durably) before the checkpoint may pass it. */
    private void finish(Entry entry, SendOutcome<T> outcome) {
        try {
            sink.record(entry.row, outcome, entry.firstAttempt);
        } catch (RuntimeException e) {
            log.error("could not record the outcome of line {}", entry.row.line(), e);
            stop("could not record the outcome of line " + entry.row.line() + ": " + rootMessage(e));
            attemptEnded(entry, null);
            return;
        }
        // Other rows got through since this one first went: whatever its failure, it is the row's. (Rows that fail on
        // every attempt end together once the rest of the file is done, which must not look like an outage.)
        boolean isolated = entry.failedTransiently && gotThrough.get() > entry.gotThroughAtFirstAttempt;
        failFast.observe(entry.row.line(), outcome, isolated);
        lock.lock();
        try {
            pending.computeIfPresent(entry.row.line(), (line, n) -> n == 1 ? null : n - 1);
            probeEnded(entry);
            endOfAttempt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The attempt is over without an outcome: the row goes again at {@code due} (nanoTime), or, with null or once
     * halted, not in this session (it keeps no outcome, so a resumed run sends it).
     */
    private void attemptEnded(Entry entry, Long due) {
        lock.lock();
        try {
            if (due != null && !halted) {
                entry.due = due;
                setAside.add(entry);
                work.signal(); // it may be due before whatever the dispatcher waits for
            }
            probeEnded(entry);
            endOfAttempt();
        } finally {
            lock.unlock();
        }
    }

    private void endOfAttempt() {
        inProgress--;
        if (inProgress == 0) {
            settled.signalAll();
            if (!firstAnswered) {
                work.signal(); // the first row ended without an answer: the next one may go alone
            }
        }
    }

    /**
     * Wakes a caller of {@link #submit} once the queue is down to half (not at every row taken: the caller then
     * hands in rows in batches instead of waking once per row) and the set-aside rows are under their cap.
     */
    private void roomIfAny() {
        if (queued.size() <= QUEUE_CAPACITY / 2 && setAside.size() < SET_ASIDE_CAPACITY) {
            room.signalAll();
        }
    }

    private void wakeEveryone() {
        work.signalAll();
        room.signalAll();
        settled.signalAll();
        placeMayBeFree.signalAll();
    }

    /** The probe's attempt is over (it got through, or failed and was set aside): the next may go. */
    private void probeEnded(Entry entry) {
        if (probe == entry) {
            probe = null;
            work.signal();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
