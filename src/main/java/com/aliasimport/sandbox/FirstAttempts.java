package com.aliasimport.sandbox;

/**
 * The first arrival of each distinct records-request body, whatever its answer: how many there were and when the
 * first and the last of them came, so a benchmark can tell the rate at which rows reached the API for the first
 * time from the rate of all requests (retries included), and how many repeats (retries) came while first attempts
 * were still arriving. Bodies are kept as 64-bit hashes in a
 * {@link LongHashSet}, so memory stays small with {@code --no-store} (about 16 bytes a distinct row). Thread
 * safe; the hash is computed outside the lock.
 */
final class FirstAttempts {

    /**
     * What was seen so far, read at one moment. Epoch millis are 0 before any arrival.
     *
     * @param repeatsBeforeLast bodies that arrived again before the latest first arrival: retries that went while
     *        new rows were still being sent
     */
    record Snapshot(long count, long firstEpochMillis, long lastEpochMillis, long repeatsBeforeLast) {}

    private final LongHashSet seen = new LongHashSet();
    private long firstEpochMillis;
    private long lastEpochMillis;
    private long repeats;
    private long repeatsBeforeLast;

    /** Counts {@code body} if no equal body arrived before; {@code epochMillis} is when it arrived. */
    void arrived(byte[] body, long epochMillis) {
        long hash = StableHash.of(body);
        synchronized (this) {
            if (seen.add(hash)) {
                if (firstEpochMillis == 0) {
                    firstEpochMillis = epochMillis;
                }
                lastEpochMillis = epochMillis;
                repeatsBeforeLast = repeats;
            } else {
                repeats++;
            }
        }
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(seen.size(), firstEpochMillis, lastEpochMillis, repeatsBeforeLast);
    }

    synchronized void reset() {
        seen.clear();
        firstEpochMillis = 0;
        lastEpochMillis = 0;
        repeats = 0;
        repeatsBeforeLast = 0;
    }
}
