package com.aliasimport.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/** The Retry-After header value of a rate-limit refusal, in the {@link RateLimit.RetryAfter} mode asked for. */
final class RetryAfterHeader {

    /**
     * HTTP's IMF-fixdate (RFC 9110 5.6.7): a two-digit day, unlike the JDK's RFC_1123_DATE_TIME, which prints
     * "6 Nov" where HTTP wants "06 Nov" (both parse with RFC_1123_DATE_TIME).
     */
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private RetryAfterHeader() {}

    /**
     * @param wait how long until a request would be let through
     * @param now  the wall-clock time of the refusal
     * @return the header value, or empty for {@link RateLimit.RetryAfter#NONE}
     */
    static Optional<String> value(RateLimit.RetryAfter mode, Duration wait, Instant now) {
        // Whole seconds, rounded up so a client that obeys is let through; 0 would invite an immediate retry.
        long seconds = Math.max(1, secondsRoundedUp(wait));
        return switch (mode) {
            case NONE -> Optional.empty();
            case SECONDS -> Optional.of(String.valueOf(seconds));
            case HTTP_DATE -> Optional.of(HTTP_DATE.format(wholeSecondAtOrAfter(now.plusSeconds(seconds))));
        };
    }

    static long secondsRoundedUp(Duration duration) {
        return duration.getNano() == 0 ? duration.getSeconds() : duration.getSeconds() + 1;
    }

    /** A date has whole seconds: round up, never down, so the date is not before the moment it stands for. */
    private static Instant wholeSecondAtOrAfter(Instant instant) {
        Instant truncated = instant.truncatedTo(ChronoUnit.SECONDS);
        return truncated.equals(instant) ? instant : truncated.plusSeconds(1);
    }
}
