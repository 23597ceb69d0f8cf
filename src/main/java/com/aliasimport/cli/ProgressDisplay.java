package com.aliasimport.cli;

import com.aliasimport.job.RunProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows how a run is going: a progress bar with rows/s and ETA on a terminal (the progressbar library), a line
 * every few seconds otherwise. Lines always go to the log file; to stderr only when asked ({@code --progress}),
 * so that cron mails stay empty unless something is wrong.
 */
final class ProgressDisplay implements AutoCloseable {

    enum Mode {
        BAR,
        LINES,
        LOG_ONLY
    }

    /** What is being counted: the bar's name and the unit ("rows" for an import, "keys" for a check). */
    record Task(String name, String unit) {

        static final Task IMPORT = new Task("import", "rows");
    }

    private static final Logger log = LoggerFactory.getLogger(ProgressDisplay.class);
    private static final long LINE_EVERY_SECONDS = 10;

    private final Mode mode;
    private final Task task;
    private final boolean json;
    private final PrintStream err;
    private ScheduledExecutorService ticker;
    private ProgressBar bar;
    private RunProgress progress;

    ProgressDisplay(Mode mode, Task task, boolean json, PrintStream err) {
        this.mode = mode;
        this.task = task;
        this.json = json;
        this.err = err;
    }

    /** A bar on an interactive terminal unless quiet; lines on stderr when asked; otherwise the log file only. */
    static ProgressDisplay choose(boolean quiet, boolean lines, boolean json) {
        return choose(quiet, lines, json, Task.IMPORT);
    }

    static ProgressDisplay choose(boolean quiet, boolean lines, boolean json, Task task) {
        Mode mode = lines || json
                ? (lines ? Mode.LINES : Mode.LOG_ONLY)
                : !quiet && System.console() != null ? Mode.BAR : Mode.LOG_ONLY;
        // With --json, stdout is the JSON stream: progress objects, one a line, then the summary.
        return new ProgressDisplay(mode, task, json, json ? System.out : System.err);
    }

    void start(RunProgress runProgress) {
        this.progress = runProgress;
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        if (mode == Mode.BAR) {
            bar = new ProgressBarBuilder()
                    .setTaskName(task.name())
                    .setInitialMax(runProgress.totalRows())
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" " + task.unit(), 1)
                    .showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(err))
                    .continuousUpdate()
                    .build();
            bar.stepTo(runProgress.done());
            ticker.scheduleAtFixedRate(() -> bar.stepTo(progress.done()), 200, 200, TimeUnit.MILLISECONDS);
        } else {
            ticker.scheduleAtFixedRate(this::line, LINE_EVERY_SECONDS, LINE_EVERY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void line() {
        double seconds = progress.elapsedSeconds();
        double rate = seconds > 0 ? progress.doneThisSession() / seconds : 0;
        long left = Math.max(0, progress.totalRows() - progress.done());
        long eta = rate > 0 ? Math.round(left / rate) : -1;
        String text = json
                ? String.format(
                        Locale.ROOT,
                        "{\"event\":\"progress\",\"position\":%d,\"total\":%d,\"sent\":%d,"
                                + "\"accepted\":%d,\"failed\":%d,\"rowsPerSecond\":%.1f,\"etaSeconds\":%d}",
                        progress.done(),
                        progress.totalRows(),
                        progress.sentThisSession(),
                        progress.acceptedThisSession(),
                        progress.failedThisSession(),
                        rate,
                        eta)
                : String.format(
                        Locale.ROOT,
                        "progress: %d/%d %s, %d sent, %d accepted, %d failed, %.1f %s/s, eta %s",
                        progress.done(),
                        progress.totalRows(),
                        task.unit(),
                        progress.sentThisSession(),
                        progress.acceptedThisSession(),
                        progress.failedThisSession(),
                        rate,
                        task.unit(),
                        eta < 0 ? "unknown" : eta + " s");
        log.info(text);
        if (mode == Mode.LINES) {
            err.println(text);
        }
    }

    /** Stops the display; safe to call twice (once before the summary, once by try-with-resources). */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ticker = null;
        }
        if (bar != null) {
            bar.stepTo(progress.done());
            bar.close();
            bar = null;
        }
    }
}
