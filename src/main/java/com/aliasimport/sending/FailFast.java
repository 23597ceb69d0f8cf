package com.aliasimport.sending;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides when failures stop being about rows and start being about the run: the same non-row-specific failure
 * (a rejection that names no field of the row, attempts exhausted on the same status) for {@code threshold} rows
 * in a row, a row that could not connect at all however often it tried, or a failure systemic by nature (reported
 * through {@link #stop}). Rows in such a streak are not failures of their own: their records are dropped so that a
 * resumed run sends them again. Outcomes arrive from several threads; "in a row" means in the order they end.
 */
public final class FailFast {

    private final int threshold;
    private final String endpoint;
    private final Runnable onStop;
    private String signature;
    private int streak;
    /** Every line that failed in a non-row-specific way this session, by failure signature. */
    private final Map<String, List<Long>> linesBySignature = new HashMap<>();

    private final List<Long> forgotten = new ArrayList<>();
    private volatile String stopReason;
    private volatile boolean configurationError;

    /** @param endpoint names the API in messages ("the Imports API at https://...") */
    FailFast(int threshold, String endpoint, Runnable onStop) {
        this.threshold = threshold;
        this.endpoint = endpoint;
        this.onStop = onStop;
    }

    boolean stopped() {
        return stopReason != null;
    }

    String stopReason() {
        return stopReason;
    }

    /** Whether the stop was for a setting that must change (see {@link #stop(String, boolean)}). */
    boolean stoppedByConfigurationError() {
        return configurationError;
    }

    void stop(String reason) {
        stop(reason, false);
    }

    /** @param configurationError a setting must change before any row can go (a certificate not accepted) */
    synchronized void stop(String reason, boolean configurationError) {
        if (stopReason == null) {
            this.configurationError = configurationError;
            stopReason = reason;
            if (signature != null) {
                // Rows that failed this way before the streak began (say, between rows already on the wire)
                // were no more at fault than the streak's.
                forgotten.addAll(linesBySignature.getOrDefault(signature, List.of()));
            }
            onStop.run();
        }
    }

    /**
     * Observes a recorded outcome of {@code line}.
     *
     * @param isolated the row kept failing while other rows got through: whatever its failure, it is the row's
     *        (rows that fail on every attempt end together when the rest of the file is done, which must not look
     *        like an outage)
     */
    synchronized void observe(long line, SendOutcome<?> outcome, boolean isolated) {
        String sig = signatureOf(outcome);
        if (isolated && stopReason == null) {
            if (sig != null) {
                // forgotten if it was the run's
                linesBySignature.computeIfAbsent(sig, k -> new ArrayList<>()).add(line);
            }
            return;
        }
        if (stopReason != null) {
            if (sig != null && sig.equals(signature)) {
                forgotten.add(line); // finished in flight after the stop, same failure: send again on resume
            }
            return;
        }
        if (sig == null) {
            signature = null;
            streak = 0;
            return;
        }
        if (!sig.equals(signature)) {
            signature = sig;
            streak = 0;
        }
        streak++;
        linesBySignature.computeIfAbsent(sig, k -> new ArrayList<>()).add(line);
        if (outcome instanceof SendOutcome.Exhausted<?> e && e.neverConnected()) {
            stop("cannot connect to " + endpoint + ": " + e.message());
        } else if (streak >= threshold) {
            stop("the last " + streak + " rows all failed the same way: " + describe(outcome));
        }
    }

    /** Lines whose failure records must be dropped because the failure was the run's, not theirs. */
    synchronized List<Long> linesToForget() {
        return List.copyOf(forgotten);
    }

    private static String signatureOf(SendOutcome<?> outcome) {
        if (outcome instanceof SendOutcome.Rejected<?> r && !r.rowSpecific()) {
            return "rejected/" + r.status() + "/" + r.message();
        }
        if (outcome instanceof SendOutcome.Exhausted<?> e) {
            return "exhausted/" + Objects.toString(e.status(), "-") + "/" + e.neverConnected();
        }
        return null;
    }

    private static String describe(SendOutcome<?> outcome) {
        if (outcome instanceof SendOutcome.Rejected<?> r) {
            return "HTTP " + r.status() + " " + r.message();
        }
        SendOutcome.Exhausted<?> e = (SendOutcome.Exhausted<?>) outcome;
        return (e.status() == null ? "" : "HTTP " + e.status() + " ") + e.message() + " (gave up after " + e.attempts()
                + " attempts)";
    }
}
