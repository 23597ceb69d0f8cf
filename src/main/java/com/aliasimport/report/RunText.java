package com.aliasimport.report;

import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How runs, times and values read in a terminal ({@code report} and {@code history}). */
public final class RunText {

    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private RunText() {}

    public static String status(RunStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public static String kind(ImportRun run) {
        return run.kind() == ImportRun.Kind.RETRY && run.retryOf() != null
                ? "retry of " + run.retryOf()
                : run.kind().name().toLowerCase(Locale.ROOT);
    }

    /** The rate the API held the run to ("50/s"), or "-" when the configured rate set the pace. */
    public static String heldTo(ImportRun run) {
        Double limit = run.flow().learnedLimit();
        return limit == null ? "-" : String.format(Locale.ROOT, "%.0f/s", limit);
    }

    /** Local time to the second, or "-". */
    public static String time(Instant instant) {
        return instant == null ? "-" : LOCAL_TIME.format(instant);
    }

    /** "12.3 s", "4 min 05 s", "2 h 03 min". */
    public static String duration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }

    public static String rate(ImportRun run) {
        return String.format(Locale.ROOT, "%.1f rows/s", run.rowsPerSecond());
    }

    /** The first 12 characters of a content hash: enough to tell files apart at a glance. */
    public static String shortHash(String hash) {
        return hash == null ? "-" : hash.substring(0, Math.min(12, hash.length()));
    }

    /**
     * A value made safe and short for a terminal: control characters (which could move the cursor or hide text)
     * shown as escapes, and at most {@code max} characters, never splitting a character in two.
     */
    public static String forTerminal(String value, int max) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < value.length(); i = value.offsetByCodePoints(i, 1)) {
            if (shown == max) {
                out.append('…');
                break;
            }
            int cp = value.codePointAt(i);
            if (cp == '\t') {
                out.append("\\t");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
            shown++;
        }
        return out.toString();
    }
}
