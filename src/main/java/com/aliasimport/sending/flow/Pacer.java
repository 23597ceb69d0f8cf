package com.aliasimport.sending.flow;

/**
 * Spreads requests evenly: one slot every {@code 1 / pace} seconds. Slots lie on a grid, so a request that goes a
 * little late (a thread woken late) does not push every later slot back; after a pause longer than one slot the grid
 * starts again from now, so time spent idle is never made up with a burst. Pure logic on a given clock reading;
 * used by one thread.
 */
final class Pacer {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private long next = Long.MIN_VALUE;

    /** When the next request may go, at {@code pace} requests per second. */
    long nextSlot(long now, double pace) {
        if (next == Long.MIN_VALUE || now - next > period(pace)) {
            return now;
        }
        return next;
    }

    /** A request goes now (at or after {@link #nextSlot}): the slot after it. */
    void take(long now, double pace) {
        next = nextSlot(now, pace) + period(pace);
    }

    static long period(double pace) {
        return (long) Math.ceil(NANOS_PER_SECOND / pace);
    }
}
