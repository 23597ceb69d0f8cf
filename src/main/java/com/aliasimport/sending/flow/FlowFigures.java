package com.aliasimport.sending.flow;

/**
 * What flow control did in a session: for the summary, {@code history}, and the next run's starting pace.
 *
 * @param configuredRate requests per second at most (0: unthrottled)
 * @param pace the pace at the end, in requests per second
 * @param learnedLimit what the server allowed, learned from 429s (this run's, or an earlier run's that the run
 *        started from); NaN when none
 * @param throttled whether a 429 slowed this session down
 * @param requests requests sent, retries included
 * @param refused requests answered 429
 */
public record FlowFigures(
        int configuredRate, double pace, double learnedLimit, boolean throttled, long requests, long refused) {

    /** Whether the server's limit, not the configured rate, set the pace. */
    public boolean heldByServer() {
        return !Double.isNaN(learnedLimit);
    }
}
