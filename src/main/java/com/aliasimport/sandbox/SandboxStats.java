package com.aliasimport.sandbox;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * What the sandbox saw. Thread safe; the per-request cost is a few {@link LongAdder} increments,
 * one short lock for the rate window, one for the first attempts (a hash of the body) and, when
 * records are stored, one map merge.
 *
 * <p>"Records requests" are all requests to /records/ whatever their method or answer; "accepted"
 * counts records the server took, including those whose answer was then lost to an injected reset
 * or delayed by an injected slow answer. Requests to the Anonymize API (/v4.1/anonymize.json) have
 * counters of their own ({@link #anonymizeChecks}); they share only the rate limit's 429s
 * ({@link #throttled}) and the injected resets ({@link #connectionResets}), as they share the faults.
 */
public final class SandboxStats {

    private final boolean storeRecords;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong firstRequestEpochMillis = new AtomicLong();
    private final AtomicLong lastRequestEpochMillis = new AtomicLong();
    private final LongAdder requests = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder connectionResets = new LongAdder();
    private final LongAdder tokenRequests = new LongAdder();
    private final LongAdder tokensIssued = new LongAdder();
    private final LongAdder duplicateAcceptances = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder failingRowAnswers = new LongAdder();
    private final LongAdder anonymizeChecks = new LongAdder();
    private final FirstAttempts firstAttempts = new FirstAttempts();
    private final Map<Integer, LongAdder> statusCounts = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> anonymizeStatusCounts = new ConcurrentHashMap<>();
    private final Map<Map<String, String>, Long> acceptedRecords = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> ignoredFields = new ConcurrentHashMap<>();
    private final SlidingWindowCounter window;
    private final AtomicReference<RecordedRequest> lastRequest = new AtomicReference<>();
    private final AtomicReference<RecordedRequest> lastTokenRequest = new AtomicReference<>();
    private final AtomicReference<RecordedRequest> lastAnonymizeRequest = new AtomicReference<>();

    SandboxStats(boolean storeRecords, LongSupplier nanoClock) {
        this.storeRecords = storeRecords;
        this.window = new SlidingWindowCounter(Duration.ofSeconds(1), nanoClock);
    }

    /** The most records requests the server was answering at the same moment. */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    /** Records requests being answered now (a client that timed out may have left some behind). */
    public int concurrentRequests() {
        return inFlight.get();
    }

    void requestStarted() {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    void requestEnded() {
        inFlight.decrementAndGet();
    }

    /** Records requests received, whatever the answer (including resets and 405s). */
    public long requests() {
        return requests.sum();
    }

    /** Records the server took (answered 200, or taken before an injected reset). */
    public long accepted() {
        return accepted.sum();
    }

    /** Records requests answered 422. */
    public long rejected() {
        return rejected.sum();
    }

    /** Records and anonymize requests whose connection was closed without a response (injected resets). */
    public long connectionResets() {
        return connectionResets.sum();
    }

    /** Records-request answers by HTTP status (resets have none and are not in here). */
    public Map<Integer, Long> statusCounts() {
        return sums(statusCounts);
    }

    public long statusCount(int status) {
        LongAdder count = statusCounts.get(status);
        return count == null ? 0 : count.sum();
    }

    /** Requests to the token endpoint, whatever the answer. */
    public long tokenRequests() {
        return tokenRequests.sum();
    }

    public long tokensIssued() {
        return tokensIssued.sum();
    }

    /** The most records requests that arrived within any sliding one-second window. */
    public int maxRequestsInAnyOneSecondWindow() {
        return window.max();
    }

    /**
     * Each accepted record (the mapping fields the server kept, as received) and how many times it
     * was accepted. Empty when the settings turn storing off. A snapshot: copies the whole map.
     */
    public Map<Map<String, String>, Long> acceptedRecords() {
        return Map.copyOf(acceptedRecords);
    }

    /** How many times this record (its mapping fields) was accepted. */
    public long timesAccepted(Map<String, String> record) {
        return acceptedRecords.getOrDefault(record, 0L);
    }

    /** Distinct records accepted (0 when storing is off). */
    public int distinctRecords() {
        return acceptedRecords.size();
    }

    /** Sum over accepted records of (times accepted - 1): how many rows arrived more than once. */
    public long duplicateAcceptances() {
        return duplicateAcceptances.sum();
    }

    /** Names of record fields that were sent but are not in the mapping, so were silently ignored. */
    public Set<String> ignoredFields() {
        return new TreeSet<>(ignoredFields.keySet());
    }

    /** How many times each ignored field was sent. */
    public Map<String, Long> ignoredFieldCounts() {
        return sums(ignoredFields);
    }

    /** Requests to the Anonymize API (GET /v4.1/anonymize.json), whatever their method or answer. */
    public long anonymizeChecks() {
        return anonymizeChecks.sum();
    }

    /** Anonymize answers by HTTP status (resets have none and are not in here). */
    public Map<Integer, Long> anonymizeStatusCounts() {
        return sums(anonymizeStatusCounts);
    }

    /**
     * 429s the {@link SandboxFaults#rateLimit(RateLimit) rate limit} sent, to records and anonymize requests (not
     * those of {@code throttleNext}).
     */
    public long throttled() {
        return throttled.sum();
    }

    /** 503s sent because the record is one of the {@link SandboxFaults#failingRows failing rows}. */
    public long failingRowAnswers() {
        return failingRowAnswers.sum();
    }

    /**
     * Distinct records-request bodies (POST/PUT) that arrived, whatever their answer: each row's first attempt,
     * as a retry of a row sends the same body again.
     */
    public long firstAttempts() {
        return firstAttempts.snapshot().count();
    }

    /** Wall-clock time (epoch ms) the first of the {@link #firstAttempts} arrived, 0 before any. */
    public long firstAttemptsFirstEpochMillis() {
        return firstAttempts.snapshot().firstEpochMillis();
    }

    /** Wall-clock time (epoch ms) the latest of the {@link #firstAttempts} arrived, 0 before any. */
    public long firstAttemptsLastEpochMillis() {
        return firstAttempts.snapshot().lastEpochMillis();
    }

    /** Records requests that repeated an earlier body (retries) before the latest of the {@link #firstAttempts}. */
    public long repeatsBeforeLastFirstAttempt() {
        return firstAttempts.snapshot().repeatsBeforeLast();
    }

    /** Wall-clock time (epoch ms) the first records request arrived, 0 before any: start-up benchmarks use it. */
    public long firstRequestEpochMillis() {
        return firstRequestEpochMillis.get();
    }

    /** Wall-clock time (epoch ms) the latest records request arrived, 0 before any. */
    public long lastRequestEpochMillis() {
        return lastRequestEpochMillis.get();
    }

    /** The last records request, or null. */
    public RecordedRequest lastRequest() {
        return lastRequest.get();
    }

    /** The last token request, or null. */
    public RecordedRequest lastTokenRequest() {
        return lastTokenRequest.get();
    }

    /** The last anonymize request, or null. */
    public RecordedRequest lastAnonymizeRequest() {
        return lastAnonymizeRequest.get();
    }

    /** The counters (not the stored records) as JSON, for GET /_sandbox/stats. */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("requests", requests());
        json.put("accepted", accepted());
        json.put("rejected", rejected());
        json.put("connectionResets", connectionResets());
        json.put("statusCounts", byStatusName(statusCounts()));
        json.put("maxRequestsInAnyOneSecondWindow", maxRequestsInAnyOneSecondWindow());
        json.put("busiestWindowEndEpochMillis", window.maxReachedEpochMillis());
        json.put("maxConcurrentRequests", maxConcurrentRequests());
        json.put("firstRequestEpochMillis", firstRequestEpochMillis());
        json.put("lastRequestEpochMillis", lastRequestEpochMillis());
        json.put("tokenRequests", tokenRequests());
        json.put("tokensIssued", tokensIssued());
        json.put("storeRecords", storeRecords);
        json.put("distinctRecords", distinctRecords());
        json.put("duplicateAcceptances", duplicateAcceptances());
        json.put("ignoredFields", ignoredFieldCounts());
        json.put("throttled", throttled());
        json.put("failingRowAnswers", failingRowAnswers());
        FirstAttempts.Snapshot first = firstAttempts.snapshot();
        json.put("firstAttempts", first.count());
        json.put("firstAttemptsFirstEpochMillis", first.firstEpochMillis());
        json.put("firstAttemptsLastEpochMillis", first.lastEpochMillis());
        json.put("repeatsBeforeLastFirstAttempt", first.repeatsBeforeLast());
        json.put("anonymizeChecks", anonymizeChecks());
        json.put("anonymizeStatusCounts", byStatusName(anonymizeStatusCounts()));
        return Json.MAPPER.writeValueAsString(json);
    }

    /** Clears counters and stored records (not issued tokens, not faults). */
    public void reset() {
        requests.reset();
        accepted.reset();
        rejected.reset();
        connectionResets.reset();
        tokenRequests.reset();
        tokensIssued.reset();
        duplicateAcceptances.reset();
        throttled.reset();
        failingRowAnswers.reset();
        anonymizeChecks.reset();
        anonymizeStatusCounts.clear();
        firstAttempts.reset();
        statusCounts.clear();
        acceptedRecords.clear();
        ignoredFields.clear();
        window.reset();
        firstRequestEpochMillis.set(0);
        lastRequestEpochMillis.set(0);
        maxInFlight.set(inFlight.get());
        lastRequest.set(null);
        lastTokenRequest.set(null);
        lastAnonymizeRequest.set(null);
    }

    void recordsRequestArrived(RecordedRequest request) {
        requests.increment();
        window.arrive();
        long now = System.currentTimeMillis();
        firstRequestEpochMillis.compareAndSet(0, now);
        lastRequestEpochMillis.set(now);
        lastRequest.set(request);
    }

    /** A POST/PUT records request's body, for {@link #firstAttempts}. */
    void bodyArrived(byte[] body) {
        firstAttempts.arrived(body, System.currentTimeMillis());
    }

    void rateLimited() {
        throttled.increment();
    }

    void failingRowAnswered() {
        failingRowAnswers.increment();
    }

    void recordsResponded(int status) {
        countStatus(statusCounts, status);
        if (status == 422) {
            rejected.increment();
        }
    }

    void recordAccepted(Map<String, String> record) {
        accepted.increment();
        if (storeRecords && acceptedRecords.merge(record, 1L, Long::sum) > 1) {
            duplicateAcceptances.increment();
        }
    }

    void connectionReset() {
        connectionResets.increment();
    }

    void fieldsIgnored(Collection<String> names) {
        for (String name : names) {
            ignoredFields.computeIfAbsent(name, n -> new LongAdder()).increment();
        }
    }

    void tokenRequestArrived(RecordedRequest request) {
        tokenRequests.increment();
        lastTokenRequest.set(request);
    }

    void tokenIssued() {
        tokensIssued.increment();
    }

    void anonymizeCheckArrived(RecordedRequest request) {
        anonymizeChecks.increment();
        lastAnonymizeRequest.set(request);
    }

    void anonymizeResponded(int status) {
        countStatus(anonymizeStatusCounts, status);
    }

    private static void countStatus(Map<Integer, LongAdder> counts, int status) {
        counts.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    private static <K extends Comparable<K>> Map<K, Long> sums(Map<K, LongAdder> adders) {
        Map<K, Long> sums = new TreeMap<>();
        adders.forEach((key, adder) -> sums.put(key, adder.sum()));
        return sums;
    }

    /** JSON object keys are strings: {@code {"200": 3}}. */
    private static Map<String, Long> byStatusName(Map<Integer, Long> counts) {
        Map<String, Long> byName = new TreeMap<>();
        counts.forEach((status, count) -> byName.put(String.valueOf(status), count));
        return byName;
    }
}
