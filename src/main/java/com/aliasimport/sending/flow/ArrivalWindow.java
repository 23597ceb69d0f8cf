package com.aliasimport.sending.flow;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code limit} requests in any one second as the server counts them: by arrival.
 * <p>
 * A request arrives when its last byte leaves this machine (the HTTP client tells us, after flushing it), or, if it
 * fails before that, when its failure is known; a request that never connected never arrives. A new request may
 * start only if the requests that arrived in the last second plus those still on their way leave room for it: any
 * one-second window holding its arrival starts after now minus a second, so it can hold no others. The even pacing
 * in front of this keeps requests apart in the normal course; this catches what a pause in this process (a garbage
 * collection, a thread scheduled late) would otherwise release together.
 * <p>
 * The server counts a request when it has read it, a little after this process flushed it, and not every request is
 * delayed alike: two requests a second and a millisecond apart here can land a second apart there. So the window
 * counted here is a little longer than a second ({@link #SPAN}); the even pacing at 99% of the rate leaves that much
 * room, so it costs nothing in the normal course. Pure logic on a given clock reading.
 */
final class ArrivalWindow {

    static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    /**
     * How much closer the server may see two requests than this process sent them: a pause of a few milliseconds in
     * the server (a collection, a thread scheduled late) was seen to put 202 in its busiest second at --rate 200 with
     * 8 ms here.
     */
    static final long DELIVERY_SPREAD = TimeUnit.MILLISECONDS.toNanos(15);
    /** The window counted here: a server's second plus the spread of delivery times. */
    static final long SPAN = SECOND + DELIVERY_SPREAD;
    /** How soon to look again when only a request still on its way can make room. */
    static final long RECHECK = TimeUnit.MILLISECONDS.toNanos(1);

    private final int limit;
    private final ArrayDeque<Long> arrivals = new ArrayDeque<>();
    private int onTheirWay;

    ArrivalWindow(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.limit = limit;
    }

    /** The earliest time a new request may start: {@code now} if it may start now. */
    synchronized long earliestStart(long now) {
        forgetBefore(now - SPAN);
        int excess = arrivals.size() + onTheirWay + 1 - limit;
        if (excess <= 0) {
            return now;
        }
        if (excess > arrivals.size()) {
            return now + RECHECK;
        }
        long oldestToLeave = 0;
        int i = 0;
        for (long t : arrivals) {
            if (++i == excess) {
                oldestToLeave = t;
                break;
            }
        }
        return Math.max(now + 1, oldestToLeave + SPAN + 1);
    }

    /** A request started: it counts until it has arrived. */
    synchronized void started() {
        onTheirWay++;
    }

    /** A request started earlier has reached the server (or failed after it may have). */
    synchronized void arrived(long now) {
        onTheirWay--;
        arrivals.addLast(now);
    }

    /** A request started earlier never reached the server (no connection was made). */
    synchronized void neverArrived() {
        onTheirWay--;
    }

    private void forgetBefore(long horizon) {
        while (!arrivals.isEmpty() && arrivals.peekFirst() <= horizon) {
            arrivals.removeFirst();
        }
    }
}
