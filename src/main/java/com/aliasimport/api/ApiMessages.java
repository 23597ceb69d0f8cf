package com.aliasimport.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the API's error bodies, {@code {"message": "...", "errors": {"record.Alias": ["..."]}}}, into one line,
 * and tells whether the errors are about the row's fields or about the request as a whole.
 */
final class ApiMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_LENGTH = 500;

    private ApiMessages() {}

    record Parsed(String text, boolean rowSpecific) {}

    static Parsed parse(int status, String body) {
        if (body == null || body.isBlank()) {
            return new Parsed("HTTP " + status + " with an empty body", false);
        }
        try {
            JsonNode root = JSON.readTree(body);
            if (root.isObject()) {
                String message =
                        root.path("message").isString() ? root.path("message").asString() : "";
                List<String> details = new ArrayList<>();
                boolean aboutFields = false;
                JsonNode errors = root.path("errors");
                if (errors.isObject()) {
                    for (Map.Entry<String, JsonNode> e : errors.properties()) {
                        aboutFields |= e.getKey().startsWith("record.");
                        List<String> texts = new ArrayList<>();
                        if (e.getValue().isArray()) {
                            e.getValue().forEach(v -> texts.add(v.asString()));
                        } else {
                            texts.add(e.getValue().asString());
                        }
                        details.add(e.getKey() + ": " + String.join(" ", texts));
                    }
                }
                String text = details.isEmpty() ? message : String.join("; ", details);
                if (!text.isBlank()) {
                    return new Parsed(shorten(text), aboutFields);
                }
            }
        } catch (RuntimeException notJson) {
            // fall through: keep the body as text
        }
        return new Parsed(shorten("HTTP " + status + ": " + body.strip().replaceAll("\\s+", " ")), false);
    }

    private static String shorten(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "...";
    }
}
