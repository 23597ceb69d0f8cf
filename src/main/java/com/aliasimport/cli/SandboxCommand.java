package com.aliasimport.cli;

import com.aliasimport.exit.ExitCodes;
import com.aliasimport.sandbox.RateLimit;
import com.aliasimport.sandbox.SandboxFaults;
import com.aliasimport.sandbox.SandboxServer;
import com.aliasimport.sandbox.SandboxSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

// A fresh instance per command line: picocli keeps option values in the command's fields.
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
@Command(
        name = "sandbox",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the built-in fake CustomerGauge API on 127.0.0.1 until stopped (Ctrl-C), for trying"
                    + " scripts and cron set-ups without a tenant.",
            "It can simulate a distant API (--latency-ms, --jitter-ms), a server-side rate limit (--rate-limit,"
                    + " --limit-kind, --burst, --retry-after) and rows that always fail (--failing-rows);"
                    + " GET /_sandbox/stats says what it saw."
        })
class SandboxCommand extends CliCommand {

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "Port to listen on (default ${DEFAULT-VALUE}).",
            defaultValue = "8089")
    int port;

    @Option(
            names = "--latency-ms",
            paramLabel = "MS",
            defaultValue = "0",
            description = "Wait this long before answering each records request, like a distant API"
                    + " (default ${DEFAULT-VALUE}).")
    long latencyMillis;

    @Option(
            names = "--jitter-ms",
            paramLabel = "MS",
            defaultValue = "0",
            description = "Add a random 0 to MS ms (uniform) to each records request's latency (default"
                    + " ${DEFAULT-VALUE}).")
    long jitterMillis;

    @Option(
            names = "--rate-limit",
            paramLabel = "N",
            defaultValue = "0",
            description = "Let at most N records requests a second through, counted as they arrive, like an API"
                    + " gateway; the others answer 429 {\"message\": \"Too Many Attempts.\"} without reaching"
                    + " validation (default ${DEFAULT-VALUE}: no limit).")
    int limitPerSecond;

    @Option(
            names = "--limit-kind",
            paramLabel = "KIND",
            defaultValue = "token-bucket",
            description = "How --rate-limit counts: token-bucket (N tokens a second, at most --burst saved up) or"
                    + " sliding-window (at most N in any sliding one-second window) (default ${DEFAULT-VALUE}).")
    String limitKind;

    @Option(
            names = "--burst",
            paramLabel = "B",
            description = "The token bucket's capacity: the most requests let through at once after a quiet spell"
                    + " (default N/10, at least 1).")
    Integer burst;

    @Option(
            names = "--retry-after",
            paramLabel = "MODE",
            defaultValue = "seconds",
            description = "What a 429 of --rate-limit says: none (no Retry-After header), seconds (whole seconds"
                    + " until a request would get through, at least 1) or date (that moment as an HTTP date)"
                    + " (default ${DEFAULT-VALUE}).")
    String retryAfter;

    @Option(
            names = "--failing-rows",
            paramLabel = "PERCENT",
            defaultValue = "0",
            description = "This percentage of the records (e.g. 1, or 0.5), chosen by their content, answer 503 on"
                    + " every attempt and in every run (default ${DEFAULT-VALUE}).")
    double failingRowsPercent;

    @Option(
            names = "--token-ttl",
            paramLabel = "SECONDS",
            defaultValue = "3600",
            description = "How long issued access tokens stay valid (default ${DEFAULT-VALUE}).")
    long tokenTtlSeconds;

    @Option(
            names = "--no-store",
            description = "Count accepted records without keeping them, so memory stays"
                    + " flat over millions of requests (the stats then cannot tell duplicates).")
    boolean noStore;

    @Option(
            names = "--json",
            description = "Say where it listens as one JSON line (baseUrl, tokenUrl, importsUrl, anonymizeUrl,"
                    + " statsUrl): stdout holds JSON only.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        if (tokenTtlSeconds <= 0) {
            throw new UsageException("--token-ttl must be more than 0");
        }
        RateLimit limit = checkedOptions(); // before the port is taken
        SandboxServer server = SandboxServer.start(SandboxSettings.defaults()
                .withPort(port)
                .withTokenTtl(Duration.ofSeconds(tokenTtlSeconds))
                .withStoreRecords(!noStore));
        simulate(server.faults(), limit);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        var out = out();
        if (json) {
            Map<String, Object> started = new LinkedHashMap<>();
            started.put("event", "listening");
            started.put("command", "sandbox");
            started.put("baseUrl", server.baseUrl().toString());
            started.put("tokenUrl", server.tokenUrl().toString());
            started.put("importsUrl", server.importsUrl().toString());
            started.put(
                    "anonymizeUrl",
                    server.baseUrl().resolve("/v4.1/anonymize.json").toString());
            started.put("statsUrl", server.baseUrl().resolve("/_sandbox/stats").toString());
            JsonOutput.line(out, started);
        } else {
            out.println(server.describe());
        }
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    /** Sets the latency, rate limit and failing rows the options ask for. */
    void simulate(SandboxFaults faults) {
        simulate(faults, checkedOptions());
    }

    private void simulate(SandboxFaults faults, RateLimit limit) {
        faults.latency(Duration.ofMillis(latencyMillis), Duration.ofMillis(jitterMillis));
        faults.failingRows(failingRowsPercent / 100);
        if (limit == null) {
            faults.removeRateLimit();
        } else {
            faults.rateLimit(limit);
        }
    }

    /** Checks the simulation options; returns the rate limit they ask for, or null for none. */
    private RateLimit checkedOptions() {
        if (latencyMillis < 0 || jitterMillis < 0) {
            throw new UsageException("--latency-ms and --jitter-ms must be 0 or more");
        }
        if (!(failingRowsPercent >= 0 && failingRowsPercent <= 100)) {
            throw new UsageException("--failing-rows must be a percentage from 0 to 100, was " + failingRowsPercent);
        }
        return requestedRateLimit();
    }

    private RateLimit requestedRateLimit() {
        if (limitPerSecond < 0 || limitPerSecond > 1_000_000) {
            throw new UsageException(
                    "--rate-limit must be 0 (no limit) to 1000000 requests a second, was " + limitPerSecond);
        }
        RateLimit.RetryAfter mode = switch (retryAfter.toLowerCase(Locale.ROOT)) {
            case "none" -> RateLimit.RetryAfter.NONE;
            case "seconds" -> RateLimit.RetryAfter.SECONDS;
            case "date" -> RateLimit.RetryAfter.HTTP_DATE;
            default ->
                throw new UsageException("--retry-after must be none, seconds or date, was '" + retryAfter + "'");
        };
        boolean tokenBucket = switch (limitKind.toLowerCase(Locale.ROOT)) {
            case "token-bucket" -> true;
            case "sliding-window" -> false;
            default ->
                throw new UsageException(
                        "--limit-kind must be token-bucket or sliding-window, was '" + limitKind + "'");
        };
        if (burst != null && !tokenBucket) {
            throw new UsageException(
                    "--burst is for --limit-kind token-bucket (a sliding window lets N through at" + " once)");
        }
        if (burst != null && (burst < 1 || burst > 1_000_000)) {
            throw new UsageException("--burst must be 1 to 1000000, was " + burst);
        }
        if (limitPerSecond == 0) {
            if (burst != null) {
                throw new UsageException("--burst needs --rate-limit");
            }
            return null;
        }
        RateLimit limit = tokenBucket
                ? RateLimit.tokenBucket(limitPerSecond, burst == null ? RateLimit.defaultBurst(limitPerSecond) : burst)
                : RateLimit.slidingWindow(limitPerSecond);
        return limit.withRetryAfter(mode);
    }
}
