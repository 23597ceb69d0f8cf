package com.aliasimport.cli;

import com.aliasimport.job.SessionStops;
import java.io.PrintStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM (systemd, {@code timeout}, Kubernetes) and SIGINT (Ctrl-C) stop a run the way a systemic failure does:
 * sending stops, the answers to requests in flight are awaited and recorded, the run is left resumable, and the
 * command ends normally with one line and the shell's code for the signal (128 + its number).
 * <p>
 * The JVM's own handling would run the shutdown hooks at once: Spring closes the context and H2 closes the database
 * under the rows still being recorded, and the process ends without a word. So the signals are handled here
 * ({@code sun.misc.Signal}, the JDK's only signal API), and the JVM shuts down only once the run is recorded. If
 * answers are still awaited after {@link #GRACE}, or on a second signal, the process ends at once: every commit is
 * durable, so that is a kill -9, which loses nothing (the rows in flight may be sent again).
 * When no run is sending (the file is being checked, say), the process exits at once as the JVM would.
 */
final class SignalStop {

    private static final Logger log = LoggerFactory.getLogger(SignalStop.class);
    /** Long enough for the answers in flight, short of systemd's and Kubernetes' wait before SIGKILL. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private final SessionStops stops;
    private final PrintStream err;
    private volatile Signal received;

    SignalStop(SessionStops stops, PrintStream err) {
        this.stops = stops;
        this.err = err;
    }

    void install() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), this::received);
            } catch (IllegalArgumentException e) {
                // SIGINT is ignored in a background job of a non-interactive shell: leave it so.
                log.debug("not handling SIG{}: {}", name, e.getMessage());
            }
        }
    }

    /** The exit code of a command a signal stopped, else {@code exitCode}; prints the one line when it did. */
    int exitCode(int exitCode) {
        Signal signal = received;
        if (signal == null) {
            return exitCode;
        }
        err.println(stoppedLine(signal, ""));
        err.flush();
        return code(signal);
    }

    private void received(Signal signal) {
        if (received != null) {
            halt(
                    signal,
                    ": stopped at once by a second signal, without waiting for the answers in flight (those rows"
                            + " may be sent again)");
            return;
        }
        received = signal;
        log.info("SIG{} received: stopping the run", signal.getName());
        if (!stops.stopAll("the process received SIG" + signal.getName())) {
            System.exit(code(signal));
            return;
        }
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(GRACE.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                    halt(
                            signal,
                            " after waiting " + GRACE.toSeconds()
                                    + " s for the answers in flight (those rows may be sent" + " again)");
                },
                "signal-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void halt(Signal signal, String how) {
        log.warn("stopping at once{}", how);
        err.println(stoppedLine(signal, how));
        err.flush();
        Runtime.getRuntime().halt(code(signal));
    }

    private static String stoppedLine(Signal signal, String how) {
        return "stopped by SIG" + signal.getName() + how + ": nothing is lost; run the same command again to resume.";
    }

    private static int code(Signal signal) {
        return 128 + signal.getNumber();
    }
}
