package com.aliasimport.job;

/**
 * A line a resumed run must read from again, before its checkpoint: a systemic stop dropped the failures of rows
 * the checkpoint had already passed, so they must be sent again. Cleared once a chunk past it commits.
 *
 * @param line the first line to read again; 0 for none
 * @param clear forgets the rewind, in the chunk's transaction
 */
record Rewind(long line, Runnable clear) {

    static final Rewind NONE = new Rewind(0, () -> {});
}
