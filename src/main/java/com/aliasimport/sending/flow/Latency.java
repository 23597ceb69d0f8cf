package com.aliasimport.sending.flow;

/**
 * How long requests take, smoothed the way TCP estimates round-trip times (RFC 6298): a moving average and a moving
 * mean deviation, so that a few slow answers widen the estimate without a single one dominating it.
 */
final class Latency {

    private double average = Double.NaN;
    private double deviation;

    synchronized void sample(double seconds) {
        if (Double.isNaN(average)) {
            average = seconds;
            deviation = seconds / 2;
        } else {
            deviation = 0.75 * deviation + 0.25 * Math.abs(average - seconds);
            average = 0.875 * average + 0.125 * seconds;
        }
    }

    /** A time most requests finish within (average plus twice the deviation); NaN before the first sample. */
    synchronized double typicalUpperSeconds() {
        return average + 2 * deviation;
    }

    /** The smoothed average; NaN before the first sample. */
    synchronized double averageSeconds() {
        return average;
    }
}
