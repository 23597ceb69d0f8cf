package com.aliasimport.sandbox;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as the sandbox received it, for tests to inspect (the bearer token included: this is
 * a test fake holding sandbox credentials only).
 *
 * @param headers header name (case-insensitive) to values
 * @param body    the raw body decoded as UTF-8
 */
public record RecordedRequest(
        String method, String path, String contentType, String body, Map<String, List<String>> headers) {

    public RecordedRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String authorization() {
        return header("Authorization");
    }
}
