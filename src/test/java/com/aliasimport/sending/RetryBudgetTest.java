package com.aliasimport.sending;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    @Test
    void aQuietStartAllowsAFewRetriesAtOnce() {
        RetryBudget budget = new RetryBudget();

        for (int i = 0; i < RetryBudget.MOST_SAVED; i++) {
            assertThat(budget.takeRetry()).as("retry %d", i).isTrue();
        }
        assertThat(budget.takeRetry()).isFalse();
    }

    @Test
    void oneRetryGoesAheadPerFiftyNewRows() {
        RetryBudget budget = spent();

        for (int i = 0; i < RetryBudget.NEW_ROWS_PER_RETRY - 1; i++) {
            budget.newRowSent();
        }
        assertThat(budget.takeRetry()).isFalse();
        budget.newRowSent();
        assertThat(budget.takeRetry()).isTrue();
        assertThat(budget.takeRetry()).isFalse();
    }

    @Test
    void aLongRunOfNewRowsSavesNoMoreThanTheCap() {
        RetryBudget budget = spent();

        for (int i = 0; i < 100_000; i++) {
            budget.newRowSent();
        }
        int allowed = 0;
        while (budget.takeRetry()) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(RetryBudget.MOST_SAVED);
    }

    private static RetryBudget spent() {
        RetryBudget budget = new RetryBudget();
        while (budget.takeRetry()) {
            // spend what a new budget starts with
        }
        return budget;
    }
}
