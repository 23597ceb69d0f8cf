package com.aliasimport.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * alias-import in a process of its own, started from the test classpath the way cron starts the jar, so that a test
 * can kill it with SIGKILL and look at what it left behind. Standard output and error go to files (a killed child
 * cannot block on a full pipe); the configuration is passed as {@code -D} options, the working directory is the
 * test's folder (so no {@code ./config/application.yml} or {@code ./data} of the project is picked up) and the
 * environment is cleared of the variables the product reads.
 */
public final class ChildJvm {

    private static final List<String> JVM_OPTIONS = List.of(
            // C1 only: a child lives a few seconds, and starts in about half the time without C2.
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m");

    private final String name;
    private final Process process;
    private final Path out;
    private final Path err;
    private final Path log;
    private final long startNanos = System.nanoTime();

    private ChildJvm(String name, Process process, Path out, Path err, Path log) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
        this.log = log;
    }

    /**
     * Starts {@code com.aliasimport.AliasImportApplication args} in {@code dir} with the given properties; the log
     * file is {@code dir/name.log}.
     */
    public static ChildJvm start(Path dir, String name, Map<String, String> properties, String... args) {
        return start(dir, dir, name, properties, Map.of(), args);
    }

    /**
     * As {@link #start(Path, String, Map, String...)}, with these environment variables set (the proxy variables of
     * the test's own environment are never passed on).
     */
    public static ChildJvm start(
            Path dir, String name, Map<String, String> properties, Map<String, String> env, String... args) {
        return start(dir, dir, name, properties, env, args);
    }

    /**
     * As {@link #start(Path, String, Map, String...)}, with standard output and error in {@code consoleDir}: a test
     * that fills the working folder's disk still sees what the child printed, as a terminal or cron would.
     */
    public static ChildJvm start(
            Path dir, Path consoleDir, String name, Map<String, String> properties, String... args) {
        return start(dir, consoleDir, name, properties, Map.of(), args);
    }

    private static ChildJvm start(
            Path dir,
            Path consoleDir,
            String name,
            Map<String, String> properties,
            Map<String, String> env,
            String... args) {
        Path out = consoleDir.resolve(name + ".out");
        Path err = consoleDir.resolve(name + ".err");
        Path log = dir.resolve(name + ".log");
        Map<String, String> props = new LinkedHashMap<>(properties);
        props.put("logging.file.name", log.toString());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("com.aliasimport.AliasImportApplication");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment()
                .keySet()
                .removeIf(k -> k.startsWith("CUSTOMERGAUGE_")
                        || k.startsWith("SPRING_")
                        || k.startsWith("ALIAS_IMPORT_")
                        || k.equalsIgnoreCase("https_proxy")
                        || k.equalsIgnoreCase("http_proxy")
                        || k.equalsIgnoreCase("no_proxy"));
        builder.environment().putAll(env);
        try {
            return new ChildJvm(name, builder.start(), out, err, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL (what {@link Process#destroyForcibly()} sends on Linux), then waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends the child a signal by name ({@code TERM}, {@code INT}) with {@code kill}, as systemd, {@code timeout} or
     * a terminal would; returns at once.
     */
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the child to end by itself and returns its exit code; kills it and fails if it takes too long. */
    public int exitCode(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError(name + " did not end within " + timeout + "\n" + describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    public String out() {
        return read(out);
    }

    public String err() {
        return read(err);
    }

    public String log() {
        return read(log);
    }

    /** What the child printed, for assertion messages. */
    public String describe() {
        return "--- " + name + " stdout:\n" + out() + "--- " + name + " stderr:\n" + err();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
