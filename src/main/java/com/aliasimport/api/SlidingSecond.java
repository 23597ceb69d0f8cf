package com.aliasimport.api;

import java.util.concurrent.TimeUnit;

/**
 * At most {@code limit} requests in any one second as the API counts them, however they bunch on the way.
 * <p>
 * The API counts a request when it arrives, somewhere between the moment it was sent and the moment its answer
 * came back. So a request occupies the window from its start until its answer, for at most {@link #HORIZON_NANOS}
 * (a request still unanswered by then is taken to have arrived): a new request may start only once the oldest of
 * the last {@code limit} left the window a second ago. Counting from the start alone let a pause between start
 * and arrival (a garbage collection in the client, a stalled thread, a busy server) squeeze a second's requests
 * into less than a second at the API: the sandbox counted up to 208 at {@code --rate 200}.
 * <p>
 * The cost is the horizon: with answers slower than 100 ms, at most {@code limit / 1.1} requests a second.
 * The even pacing in front of it keeps requests apart in the normal course.
 */
final class SlidingSecond {

    static final long HORIZON_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long IN_FLIGHT = Long.MIN_VALUE;

    private final long[] tickets;
    private final long[] starts;
    private final long[] ends;
    private long nextTicket;
    private long oldestTicket;

    SlidingSecond(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.tickets = new long[limit];
        this.starts = new long[limit];
        this.ends = new long[limit];
    }

    /** Blocks until a request may start; returns its ticket, for {@link #answered}. */
    synchronized long acquire() throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            if (nextTicket - oldestTicket == tickets.length) {
                long wait = occupiedUntil(slot(oldestTicket)) + WINDOW_NANOS - now;
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.timedWait(this, wait); // an answer may shorten it: look again
                    continue;
                }
                oldestTicket++;
            }
            long ticket = nextTicket++;
            int slot = slot(ticket);
            tickets[slot] = ticket;
            starts[slot] = now;
            ends[slot] = IN_FLIGHT;
            return ticket;
        }
    }

    /** The request's answer (or failure) came: it has reached the API, if it ever will. */
    synchronized void answered(long ticket) {
        int slot = slot(ticket);
        if (tickets[slot] == ticket && ends[slot] == IN_FLIGHT) {
            ends[slot] = System.nanoTime();
            notifyAll();
        }
    }

    private long occupiedUntil(int slot) {
        long horizon = starts[slot] + HORIZON_NANOS;
        return ends[slot] == IN_FLIGHT ? horizon : Math.min(ends[slot], horizon);
    }

    private int slot(long ticket) {
        return (int) (ticket % tickets.length);
    }
}
