/**
 * The built-in fake CustomerGauge API: an OAuth2 token endpoint, the Imports API's records endpoint and the
 * Anonymize API (over {@link com.aliasimport.sandbox.SandboxContacts built-in contacts}) on 127.0.0.1, on the JDK's
 * HttpServer (no Spring), answering with the real API's statuses and bodies. Used by the tests, by
 * {@code import --sandbox} and by the standalone {@code sandbox} command (which the benchmark runs).
 * <p>
 * {@link com.aliasimport.sandbox.SandboxFaults} injects faults (503 bursts, 429s, resets, slow answers, outages,
 * 401 storms) and real-world conditions: latency with jitter, a server-side
 * {@link com.aliasimport.sandbox.RateLimit rate limit} counted at arrival (token bucket or strict sliding window,
 * with or without Retry-After), and rows that fail on every attempt, chosen by a stable hash of their content.
 * {@link com.aliasimport.sandbox.SandboxStats} says what the server saw: answers by status, the busiest sliding
 * one-second window, the most requests in flight, 429s of the rate limit, and the first attempt of each distinct
 * body, so a benchmark can tell the rate of first attempts from the rate of all requests.
 */
package com.aliasimport.sandbox;
