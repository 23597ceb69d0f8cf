package com.aliasimport.outcome;

import java.time.Instant;

/**
 * A row the API accepted.
 *
 * @param line          the CSV line of the row
 * @param attempts      requests it took, the successful one included
 * @param duplicateRisk an earlier attempt got no answer, so the API may have taken the row twice
 * @param at            when the API accepted it
 */
public record AcceptedRow(long line, int attempts, boolean duplicateRisk, Instant at) {}
