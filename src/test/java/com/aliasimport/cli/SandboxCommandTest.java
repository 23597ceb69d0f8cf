package com.aliasimport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliasimport.exit.ExitCodes;
import com.aliasimport.sandbox.RateLimit;
import com.aliasimport.sandbox.SandboxFaults;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The standalone sandbox's simulation options, parsed by picocli and applied to a sandbox's faults. */
class SandboxCommandTest {

    @Test
    void withoutOptionsNothingIsSimulated() {
        SandboxFaults faults = simulate();

        assertThat(faults.latency()).isZero();
        assertThat(faults.jitter()).isZero();
        assertThat(faults.rateLimit()).isEmpty();
        assertThat(faults.failingRows()).isZero();
    }

    @Test
    void latencyAndJitter() {
        SandboxFaults faults = simulate("--latency-ms", "200", "--jitter-ms", "100");

        assertThat(faults.latency()).isEqualTo(Duration.ofMillis(200));
        assertThat(faults.jitter()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aRateLimitIsATokenBucketWithASmallBurstAndRetryAfterInSecondsByDefault() {
        assertThat(simulate("--rate-limit", "50").rateLimit()).hasValue(RateLimit.tokenBucket(50, 5));
        assertThat(simulate("--rate-limit", "5").rateLimit()).hasValue(RateLimit.tokenBucket(5, 1));
    }

    @Test
    void rateLimitOptions() {
        assertThat(simulate("--rate-limit", "50", "--burst", "2", "--retry-after", "none")
                        .rateLimit())
                .hasValue(RateLimit.tokenBucket(50, 2).withRetryAfter(RateLimit.RetryAfter.NONE));
        assertThat(simulate("--rate-limit", "20", "--limit-kind", "sliding-window", "--retry-after", "date")
                        .rateLimit())
                .hasValue(RateLimit.slidingWindow(20).withRetryAfter(RateLimit.RetryAfter.HTTP_DATE));
        assertThat(simulate("--rate-limit", "20", "--limit-kind", "Token-Bucket", "--retry-after", "SECONDS")
                        .rateLimit())
                .hasValue(RateLimit.tokenBucket(20, 2));
    }

    @Test
    void failingRowsAreAPercentage() {
        assertThat(simulate("--failing-rows", "1").failingRows()).isEqualTo(0.01);
        assertThat(simulate("--failing-rows", "0.5").failingRows()).isEqualTo(0.005);
    }

    @Test
    void nonsenseIsAUsageError() {
        assertUsageError("must be none, seconds or date", "--rate-limit", "5", "--retry-after", "later");
        assertUsageError("must be token-bucket or sliding-window", "--rate-limit", "5", "--limit-kind", "leaky");
        assertUsageError(
                "--burst is for --limit-kind token-bucket",
                "--rate-limit",
                "5",
                "--limit-kind",
                "sliding-window",
                "--burst",
                "2");
        assertUsageError("--burst needs --rate-limit", "--burst", "2");
        assertUsageError("--burst must be 1", "--rate-limit", "5", "--burst", "0");
        assertUsageError("--rate-limit must be 0", "--rate-limit", "-1");
        assertUsageError("--failing-rows must be a percentage", "--failing-rows", "101");
        assertUsageError("--jitter-ms must be 0 or more", "--jitter-ms", "-5");
    }

    @Test
    void aUsageErrorExitsWith2BeforeThePortIsTaken() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new SandboxCommand())
                .setExecutionExceptionHandler(new ErrorHandler(new FullDisk(java.util.List.of()), new ExitCodeMapper()))
                .setErr(new PrintWriter(err));

        int exitCode = commandLine.execute("--port", "0", "--rate-limit", "5", "--limit-kind", "leaky");

        assertThat(exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("error: --limit-kind must be token-bucket or sliding-window");
    }

    @Test
    void helpNamesEveryOption() {
        String help = new CommandLine(new SandboxCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);

        assertThat(help)
                .contains(
                        "--latency-ms",
                        "--jitter-ms",
                        "--rate-limit",
                        "--limit-kind",
                        "--burst",
                        "--retry-after",
                        "--failing-rows",
                        "token-bucket",
                        "sliding-window",
                        "none",
                        "seconds",
                        "date");
    }

    private static SandboxFaults simulate(String... args) {
        SandboxCommand command = new SandboxCommand();
        new CommandLine(command).parseArgs(args);
        SandboxFaults faults = new SandboxFaults();
        command.simulate(faults);
        return faults;
    }

    private static void assertUsageError(String message, String... args) {
        assertThatThrownBy(() -> simulate(args))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(message);
    }
}
