package com.aliasimport.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The sandbox's JSON mapper and the response bodies it sends, shaped like the real API's. */
final class Json {

    /** Strict about trailing garbage so "{}x" is a malformed body, as a real JSON API would say. */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    /** {@code {"message": "..."}}, the API's (Laravel's) shape for every non-validation error. */
    static Map<String, Object> message(String message) {
        return Map.of("message", message);
    }

    /** The 422 body: {@code {"message": "The given data was invalid.", "errors": {field: [messages]}}}. */
    static Map<String, Object> invalid(Map<String, List<String>> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "The given data was invalid.");
        body.put("errors", errors);
        return body;
    }

    /** The Anonymize API's answer: {@code {"Data": [records], "total": n}}. */
    static Map<String, Object> data(List<?> records) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Data", records);
        body.put("total", records.size());
        return body;
    }

    /** The Anonymize API's error body: {@code {"Error": {"Message": "..."}}}, unlike the Imports API's. */
    static Map<String, Object> error(String message) {
        return Map.of("Error", Map.of("Message", message));
    }

    /** An OAuth2 error body (RFC 6749 section 5.2). */
    static Map<String, Object> oauthError(String error) {
        return Map.of("error", error);
    }

    /** The message Laravel-style APIs put in a body for a status without a more specific one. */
    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request.";
            case 401 -> "Unauthenticated.";
            case 403 -> "Forbidden.";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed.";
            case 408 -> "Request Timeout.";
            case 409 -> "Conflict.";
            case 415 -> "Unsupported Media Type.";
            case 429 -> "Too Many Attempts.";
            case 500 -> "Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
    }
}
