package com.aliasimport.job;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The sessions sending now, so that something outside the job (a SIGTERM, a Ctrl-C) can ask them to stop the way a
 * systemic failure does: rows in flight finish and are recorded, rows not sent get no outcome, the run is left
 * resumable. A session that starts after the request stops at once.
 */
@Component
public class SessionStops {

    private final Set<Consumer<String>> running = ConcurrentHashMap.newKeySet();
    private volatile String requested;

    /** While registered, {@code stop} is told (with the reason) when a stop is requested. */
    Registration register(Consumer<String> stop) {
        running.add(stop);
        String reason = requested;
        if (reason != null) {
            stop.accept(reason);
        }
        return () -> running.remove(stop);
    }

    /** Asks every running session to stop; false if none was running. */
    public boolean stopAll(String reason) {
        requested = reason;
        running.forEach(stop -> stop.accept(reason));
        return !running.isEmpty();
    }

    /** A session's registration, ended when the session ends. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
