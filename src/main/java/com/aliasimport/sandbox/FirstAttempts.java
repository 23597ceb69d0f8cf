package com.aliasimport.sandbox;

/**
 * The first arrival of each distinct records-request body, whatever its answer: how many there were and when the
 * first and the last of them came, so a benchmark can tell the rate at which rows reached the API for the first
 * time from the rate of all requests (retries included). Bodies are kept as 64-bit hashes in a
 * {@link LongHashSet}, so memory stays small with {@code --no-store} (about 16 bytes a distinct row). Thread
 * safe; the hash is computed outside the lock.
 */
final class FirstAttempts {

    /** What was seen so far, read at one moment. Epoch millis are 0 before any arrival. */
    record Snapshot(long count, long firstEpochMillis, long lastEpochMillis) {
    }

    private final LongHashSet seen = new LongHashSet();
    private long firstEpochMillis;
    private long lastEpochMillis;

    /** Counts {@code body} if no equal body arrived before; {@code epochMillis} is when it arrived. */
    void arrived(byte[] body, long epochMillis) {
        long hash = StableHash.of(body);
        synchronized (this) {
            if (seen.add(hash)) {
                if (firstEpochMillis == 0) {
                    firstEpochMillis = epochMillis;
                }
                lastEpochMillis = epochMillis;
            }
        }
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(seen.size(), firstEpochMillis, lastEpochMillis);
    }

    synchronized void reset() {
        seen.clear();
        firstEpochMillis = 0;
        lastEpochMillis = 0;
    }
}
