package com.aliasimport.sending;

/**
 * How many retries may go ahead of new rows: while new rows wait to be sent, retries take at most one request in
 * {@value #NEW_ROWS_PER_RETRY}, so rows that keep failing cannot take a noticeable share of the rate from the rows
 * after them; retries beyond that wait until no new row is ready (the file's end, say). Modelled on the retry
 * budgets of Finagle and Envoy, which cap retries as a share of requests, but deferring retries instead of dropping
 * them. Not thread-safe: the dispatcher alone uses it, under the pipeline's lock.
 */
final class RetryBudget {

    /** New rows sent per retry allowed ahead of new rows. */
    static final int NEW_ROWS_PER_RETRY = 50;
    /** Retries saved up at most, so a quiet stretch cannot buy a burst that stalls new rows. */
    static final int MOST_SAVED = 10;

    /** In units of 1/{@link #NEW_ROWS_PER_RETRY} of a retry. */
    private int saved = NEW_ROWS_PER_RETRY * MOST_SAVED;

    /** A new row went out. */
    void newRowSent() {
        saved = Math.min(saved + 1, NEW_ROWS_PER_RETRY * MOST_SAVED);
    }

    /** Takes one retry from the budget if it holds one; false if the retry should wait for new rows to run out. */
    boolean takeRetry() {
        if (saved < NEW_ROWS_PER_RETRY) {
            return false;
        }
        saved -= NEW_ROWS_PER_RETRY;
        return true;
    }
}
