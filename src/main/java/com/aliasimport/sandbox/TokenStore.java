package com.aliasimport.sandbox;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Access tokens issued by the sandbox, each with its expiry on the monotonic clock. */
final class TokenStore {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> expiryByToken = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final LongSupplier nanoClock;

    TokenStore(Duration ttl, LongSupplier nanoClock) {
        this.ttl = ttl;
        this.nanoClock = nanoClock;
    }

    /** A new random opaque token valid for the ttl. */
    String issue() {
        long now = nanoClock.getAsLong();
        // Clients renew about hourly, so the map stays tiny; pruning here keeps long runs bounded.
        expiryByToken.values().removeIf(expiry -> now - expiry >= 0);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiryByToken.put(token, now + ttl.toNanos());
        return token;
    }

    boolean isValid(String token) {
        Long expiry = expiryByToken.get(token);
        return expiry != null && nanoClock.getAsLong() - expiry < 0;
    }

    /** True when an Authorization header (null when absent) carries a valid bearer token: the API endpoints' check. */
    boolean authorizes(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return isValid(authorization.substring(7).trim());
    }

    /** Invalidates every issued token, as revoking the connected app would. */
    void revokeAll() {
        expiryByToken.clear();
    }

    /** expires_in in whole seconds, rounded down so a client never trusts a token longer than it lives. */
    long expiresInSeconds() {
        return ttl.toSeconds();
    }
}
