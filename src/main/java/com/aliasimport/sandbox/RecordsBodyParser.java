package com.aliasimport.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Turns a records request body (JSON or form) into an {@link RecordsBody}; the two formats the API documents. */
final class RecordsBodyParser {

    /** {@code record[Field Name]}: the name is everything up to the first ']' (so it may hold spaces, '[', ...). */
    private static final Pattern RECORD_FIELD = Pattern.compile("record\\[([^\\]]*)\\](.*)", Pattern.DOTALL);

    private RecordsBodyParser() {}

    static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    static boolean isForm(String mediaType) {
        return mediaType.equals("application/x-www-form-urlencoded");
    }

    static RecordsBody parseJson(byte[] body) throws MalformedBodyException {
        if (isBlank(body)) {
            return new RecordsBody(null, null); // like an API reading an empty body as no input
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedBodyException("invalid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedBodyException("JSON body is not an object");
        }
        String configuration = scalar(root.get("configuration"));
        JsonNode recordNode = root.get("record");
        Map<String, String> record = null;
        if (recordNode != null && recordNode.isObject()) {
            record = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : recordNode.properties()) {
                record.put(field.getKey(), scalar(field.getValue()));
            }
        }
        return new RecordsBody(configuration, record);
    }

    /**
     * Reads {@code configuration=..&record[Field]=..} the way PHP does: the last value of a repeated
     * name wins, other top-level names are ignored, and {@code record[a][b]} (a nested array) is kept
     * as field {@code a}. A bare {@code record=x} is "record" present but not an object.
     */
    static RecordsBody parseForm(byte[] body) throws MalformedBodyException {
        List<Map.Entry<String, String>> pairs = FormBody.parse(body);
        String configuration = null;
        Map<String, String> record = null;
        boolean bareRecord = false;
        for (Map.Entry<String, String> pair : pairs) {
            String name = pair.getKey();
            if (name.equals("configuration")) {
                configuration = pair.getValue();
            } else if (name.equals("record")) {
                bareRecord = true;
            } else {
                Matcher field = RECORD_FIELD.matcher(name);
                if (field.matches()) {
                    if (record == null) {
                        record = new LinkedHashMap<>();
                    }
                    record.put(field.group(1), pair.getValue());
                }
            }
        }
        if (record == null && bareRecord) {
            return new RecordsBody(configuration, null);
        }
        return new RecordsBody(configuration, record);
    }

    /** A JSON value as the text a form would have carried; null for null and empty containers. */
    private static String scalar(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isContainer()) {
            return node.isEmpty() ? null : node.toString();
        }
        return node.asString();
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
