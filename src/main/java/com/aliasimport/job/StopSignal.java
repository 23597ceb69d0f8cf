package com.aliasimport.job;

import java.util.function.BooleanSupplier;

/** Something outside the writer that ends sending: the run lock taken over by another process, say. */
record StopSignal(BooleanSupplier raised, String reason) {

    static final StopSignal NEVER = new StopSignal(() -> false, "");

    boolean isRaised() {
        return raised.getAsBoolean();
    }
}
