package com.aliasimport.sending.flow;

import com.netflix.concurrency.limits.limit.AbstractLimit;
import java.util.function.DoubleSupplier;

/**
 * As many requests in flight as the pace needs, by Little's law: in flight = arrival rate x time in the system.
 * With the pace in requests per second and the time a request holds its place (latency plus the wait for its
 * paced slot), it allows 20% more than the law gives for a typical slow answer, plus two, so that a run of slow
 * answers does not make requests miss their slots. It follows the pace down after a 429 and the latency up and down
 * as the server's answers change; {@code max} (the --concurrency setting) caps it. Before the first answer it
 * assumes answers take up to {@link #BEFORE_FIRST_ANSWER}: requests go at the pace from the start (waiting for the
 * first answer would cost the run that answer's latency, up to a second's worth of requests), while the pace keeps
 * what goes before it to the requests of that latency.
 */
final class LittlesLawLimit extends AbstractLimit {

    private static final double HEADROOM = 1.2;
    private static final int SPARE = 2;
    /** The latency assumed until the first answer: the slowest a distant API usually answers. */
    static final double BEFORE_FIRST_ANSWER = 1.0;

    private final DoubleSupplier pace;
    private final Latency latency;
    private final int max;

    LittlesLawLimit(DoubleSupplier pace, Latency latency, int max) {
        super(limitFor(pace.getAsDouble(), Double.NaN, max));
        this.pace = pace;
        this.latency = latency;
        this.max = max;
    }

    /** Called as a request ends, after {@link InFlightLimit} added its time to the shared latency estimate. */
    @Override
    protected int _update(long startTime, long rtt, int inflight, boolean didDrop) {
        return limitFor(pace.getAsDouble(), latency.typicalUpperSeconds(), max);
    }

    static int limitFor(double pace, double seconds, int max) {
        if (Double.isNaN(seconds)) {
            seconds = BEFORE_FIRST_ANSWER;
        }
        double needed = Math.ceil(pace * seconds * HEADROOM) + SPARE;
        return (int) Math.max(1, Math.min(max, needed));
    }
}
