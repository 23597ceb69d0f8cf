package com.aliasimport.config;

import java.time.Duration;

/** How one run sends: the configured values with the command line's overrides applied. */
public record SendSettings(
        int rate,
        int concurrency,
        int chunkSize,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        int failFastAfter) {

    public static SendSettings from(AliasImportProperties.Sending s) {
        return new SendSettings(
                s.rate(),
                s.concurrency(),
                s.chunkSize(),
                s.maxAttempts(),
                s.initialBackoff(),
                s.maxBackoff(),
                s.maxRetryAfter(),
                s.failFastAfter());
    }

    public SendSettings withOverrides(Integer rate, Integer concurrency, Integer chunkSize) {
        return new SendSettings(
                rate != null ? rate : this.rate,
                concurrency != null ? concurrency : this.concurrency,
                chunkSize != null ? chunkSize : this.chunkSize,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                maxRetryAfter,
                failFastAfter);
    }

    public SendSettings checked() {
        require(rate >= 0, "--rate must be 0 (unthrottled) or more requests per second, not " + rate);
        require(concurrency >= 1 && concurrency <= 256, "--concurrency must be between 1 and 256, not " + concurrency);
        require(chunkSize >= 1 && chunkSize <= 100_000, "--chunk-size must be between 1 and 100000, not " + chunkSize);
        require(maxAttempts >= 1, "alias-import.sending.max-attempts must be at least 1");
        require(failFastAfter >= 1, "alias-import.sending.fail-fast-after must be at least 1");
        return this;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ConfigurationException(message);
        }
    }
}
