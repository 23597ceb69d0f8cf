package com.aliasimport.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own, which the test may stop and start (the machine's server on 5432 is never
 * touched): initdb into a folder under /tmp, a free port on 127.0.0.1, its socket in that folder. As root the
 * binaries run as user {@code postgres} through {@code runuser}. Skips (a JUnit assumption with the reason) where
 * the binaries or runuser are missing.
 */
public final class PrivatePostgres implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private PrivatePostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** initdb, start, and a database {@code alias} to import into. */
    public static PrivatePostgres start() {
        Path bin = findBin();
        assumeTrue(bin != null, "no PostgreSQL binaries in /usr/lib/postgresql/*/bin: skipping");
        boolean root = "root".equals(System.getProperty("user.name"));
        assumeTrue(
                !root
                        || Files.isExecutable(Path.of("/usr/sbin/runuser"))
                        || Files.isExecutable(Path.of("/sbin/runuser")),
                "running as root without runuser: cannot start PostgreSQL, skipping");
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "alias-pg-");
            if (root) {
                UserPrincipal postgres =
                        dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            PrivatePostgres pg = new PrivatePostgres(bin, dir, port, root);
            pg.run("initdb", "-D", pg.data().toString(), "-A", "trust", "-U", "postgres", "--no-sync");
            pg.startServer();
            try (Connection c = DriverManager.getConnection(pg.url("postgres"), "postgres", "");
                    Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE alias");
            }
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database", e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return url("alias");
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public void startServer() {
        run(
                "pg_ctl",
                "-D",
                data().toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-w",
                "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start");
    }

    /** Fast shutdown: the server ends every session, as a failover or a minor-version upgrade does. */
    public void stopServer() {
        run("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "stop");
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void run(String tool, String... args) {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(tool + ".out").toFile())
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(tool + " failed: " + Files.readString(dir.resolve(tool + ".out")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path findBin() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            stopServer();
        } catch (RuntimeException alreadyStopped) {
            // nothing to stop
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // left in /tmp
        }
    }
}
