package com.aliasimport.run;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes sure only one process sends a given file at a time, across processes and hosts sharing the database.
 * <p>
 * A lock is a row in {@code run_lock}, kept alive by a heartbeat. A process that died (kill -9, reboot, OOM killer)
 * leaves its row behind; the next process takes it over when the owner's process id is gone from this host, or
 * when its heartbeat has stopped for {@link #STALE_AFTER} (an owner on another host).
 * <p>
 * Heartbeats are stored as UTC wall-clock time: a plain {@code TIMESTAMP} written through {@code java.sql.Timestamp}
 * holds the writer's local time, and hosts in different time zones would take each other's live locks (or never
 * take a dead one). Across hosts the clocks must agree to well within {@link #STALE_AFTER} (NTP).
 */
@Component
public class RunLock {

    private static final Logger log = LoggerFactory.getLogger(RunLock.class);
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    static final Duration STALE_AFTER = Duration.ofSeconds(60);
    /** How often a session's running time is recorded: a session that dies loses at most this much of it. */
    static final Duration SESSION_TIME = Duration.ofSeconds(1);

    private final JdbcTemplate jdbc;
    private final String host = hostName();
    private final long pid = ProcessHandle.current().pid();

    public RunLock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A lock this process holds; closing it releases it. */
    public final class Held implements AutoCloseable {
        private final String key;
        private final String owner;
        private final boolean tookOverFromDeadOwner;
        private final ScheduledExecutorService heartbeat;
        private volatile boolean lost;
        private volatile Runnable onLost = () -> {};
        private volatile Long attachedRun;
        private volatile long attachedAt;

        private Held(String key, String owner, boolean tookOver) {
            this.key = key;
            this.owner = owner;
            this.tookOverFromDeadOwner = tookOver;
            this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "run-lock-heartbeat");
                t.setDaemon(true);
                return t;
            });
            long period = HEARTBEAT.toMillis();
            heartbeat.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
            long sessionPeriod = SESSION_TIME.toMillis();
            heartbeat.scheduleAtFixedRate(this::recordSessionTime, sessionPeriod, sessionPeriod, TimeUnit.MILLISECONDS);
        }

        /** The previous owner had died; its run needs recovering. */
        public boolean tookOverFromDeadOwner() {
            return tookOverFromDeadOwner;
        }

        /** Another process decided this one was dead and took the lock: stop sending. */
        public boolean isLost() {
            return lost;
        }

        /** Tells {@code action} (from the heartbeat thread) if another process takes the lock. */
        public void whenLost(Runnable action) {
            this.onLost = action;
            if (lost) {
                action.run();
            }
        }

        /**
         * Points the lock at the run it guards (shown to a process that finds it held). From now on, every second,
         * the heartbeat thread also records how long this session has been running
         * ({@code import_run.session_millis}), so that the time of a session that dies is not lost; the time a session
         * that died before had recorded is added to the run's active time first.
         */
        public void attach(long runId) {
            jdbc.update("UPDATE run_lock SET run_id = ? WHERE lock_key = ? AND owner = ?", runId, key, owner);
            jdbc.update(
                    "UPDATE import_run SET active_millis = active_millis + session_millis, session_millis = 0"
                            + " WHERE id = ?",
                    runId);
            attachedAt = System.nanoTime();
            attachedRun = runId;
        }

        /** Only while the run is marked running: once a session records its end, its time is counted. */
        private void recordSessionTime() {
            Long run = attachedRun;
            if (run == null) {
                return;
            }
            try {
                jdbc.update(
                        "UPDATE import_run SET session_millis = ? WHERE id = ? AND status = 'RUNNING'",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - attachedAt),
                        run);
            } catch (RuntimeException e) {
                log.debug("could not record the session time of run {}: {}", run, e.toString());
            }
        }

        private void beat() {
            try {
                int updated = jdbc.update(
                        "UPDATE run_lock SET heartbeat_at = ? WHERE lock_key = ? AND owner = ?", utcNow(), key, owner);
                if (updated == 0 && !lost) {
                    lost = true;
                    onLost.run();
                }
            } catch (RuntimeException e) {
                log.warn("heartbeat for {} failed: {}", key, e.toString());
            }
        }

        @Override
        public void close() {
            heartbeat.shutdownNow();
            try {
                jdbc.update("DELETE FROM run_lock WHERE lock_key = ? AND owner = ?", key, owner);
            } catch (RuntimeException e) {
                log.warn("could not release lock {}: {}", key, e.toString());
            }
        }
    }

    /**
     * One lock per file content and target, short enough for the lock table's key: an import of a file, its
     * retry-failed passes and an anonymize check of the same file to the same place never run side by side.
     */
    public static String keyFor(String contentHash, String target) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest((contentHash + "|" + target).getBytes(StandardCharsets.UTF_8));
            return "import:" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Takes the lock named {@code key}.
     *
     * @throws LockHeldException when a live process holds it
     */
    public Held acquire(String key, String what) {
        String owner = pid + "@" + host + "/" + UUID.randomUUID();
        LocalDateTime now = utcNow();
        try {
            jdbc.update(
                    "INSERT INTO run_lock (lock_key, run_id, owner, host, pid, heartbeat_at)"
                            + " VALUES (?, 0, ?, ?, ?, ?)",
                    key,
                    owner,
                    host,
                    pid,
                    now);
            return new Held(key, owner, false);
        } catch (DuplicateKeyException taken) {
            List<Holder> holders = jdbc.query(
                    "SELECT owner, host, pid, heartbeat_at, run_id FROM run_lock" + " WHERE lock_key = ?",
                    (rs, i) -> new Holder(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getObject(4, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                            rs.getLong(5)),
                    key);
            if (holders.isEmpty()) {
                return acquire(key, what); // released in between
            }
            Holder holder = holders.get(0);
            if (holder.isAlive(host)) {
                throw new LockHeldException("another run of " + what + " is in progress (run " + holder.runId()
                        + ", process " + holder.pid() + " on " + holder.host() + ", last heartbeat "
                        + Duration.between(holder.heartbeatAt(), Instant.now()).toSeconds() + " s ago)");
            }
            int updated = jdbc.update(
                    "UPDATE run_lock SET owner = ?, host = ?, pid = ?, heartbeat_at = ?"
                            + " WHERE lock_key = ? AND owner = ?",
                    owner,
                    host,
                    pid,
                    now,
                    key,
                    holder.owner());
            if (updated == 0) {
                throw new LockHeldException("another run of " + what + " started at the same moment");
            }
            log.info("took over lock {} from dead process {} on {}", key, holder.pid(), holder.host());
            return new Held(key, owner, true);
        }
    }

    private record Holder(String owner, String host, long pid, Instant heartbeatAt, long runId) {

        boolean isAlive(String myHost) {
            boolean beating = Duration.between(heartbeatAt, Instant.now()).compareTo(STALE_AFTER) < 0;
            if (host.equals(myHost)) {
                // A dead process is seen at once; a live pid with a stopped heartbeat is a reused pid or a hung run.
                return beating
                        && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            }
            return beating;
        }
    }

    private static LocalDateTime utcNow() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}
