package com.aliasimport.anonymize;

import com.aliasimport.sending.ApiCall;
import com.aliasimport.sending.Endpoint;
import com.aliasimport.sending.Reply;
import com.aliasimport.sending.Verdict;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Anonymize API's GET {@code /v4.1/anonymize.json?email=...} (or {@code telephone=}) and what its answers mean.
 * The API page gives no status for its error bodies, so an {@code {"Error": {"Message": ...}}} body rejects the key
 * whatever the status; before that, 401 renews the token, 429, 408 and 5xx are tried again, and a redirect, 403, 404
 * and 405 are the run's problem. A GET changes nothing, so trying again never duplicates anything.
 */
final class AnonymizeEndpoint implements Endpoint<Key, Answer> {

    static final String PATH = "/v4.1/anonymize.json";
    /** Room for a key that matches thousands of records; a bigger answer is refused rather than cut. */
    static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_MESSAGE = 500;

    private final URI url;

    AnonymizeEndpoint(URI apiUrl) {
        String base = apiUrl.toString();
        this.url = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH);
    }

    @Override
    public ApiCall call(Key key) {
        String query = key.type().parameter() + "=" + URLEncoder.encode(key.value(), StandardCharsets.UTF_8);
        return ApiCall.get(URI.create(url + "?" + query), MAX_ANSWER_BYTES);
    }

    @Override
    public Verdict<Answer> classify(Reply reply) {
        int status = reply.status();
        if (status == 401) {
            return new Verdict.Renew<>();
        }
        JsonNode body = parse(reply.body());
        String error = errorMessage(body);
        if (status == 429 || status == 408 || status >= 500) {
            return new Verdict.Retry<>(status, error != null ? error : "HTTP " + status);
        }
        if (status >= 300 && status < 400) {
            return new Verdict.Systemic<>("the API URL " + url + " redirects (" + status + ") to " + reply.location()
                    + ": set CUSTOMERGAUGE_API_URL to the final URL");
        }
        if (status == 403) {
            return new Verdict.Systemic<>("the Anonymize API answers 403 Forbidden at " + url
                    + ": the connected app lacks permission for it");
        }
        if (status == 404 && error == null) {
            return new Verdict.Systemic<>("the Anonymize API answers 404 Not Found at " + url
                    + ": check CUSTOMERGAUGE_REGION or CUSTOMERGAUGE_API_URL");
        }
        if (status == 405) {
            return new Verdict.Systemic<>("the Anonymize API does not accept GET at " + url + " (405)");
        }
        if (error != null) {
            return new Verdict.Rejected<>(status, error, aboutTheKey(error));
        }
        if (status >= 200 && status < 300) {
            Answer answer = answer(body);
            if (answer != null) {
                return new Verdict.Done<>(answer);
            }
            return new Verdict.Rejected<>(
                    status,
                    "the answer is not the Anonymize API's JSON (Data and total)"
                            + (reply.body().length() >= MAX_ANSWER_BYTES ? ": it is larger than 16 MB" : ""),
                    false);
        }
        return new Verdict.Rejected<>(status, "HTTP " + status + " without an Error message", false);
    }

    /**
     * "Email is not valid" is about the key; "Please make an API request by email or telephone" would be said of
     * every key (a wrong URL or a changed API): a streak of it stops the run.
     */
    private static boolean aboutTheKey(String message) {
        return message.toLowerCase(Locale.ROOT).contains("valid");
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String errorMessage(JsonNode body) {
        if (body == null || !body.path("Error").isObject()) {
            return null;
        }
        String message = body.path("Error").path("Message").asString("");
        message = message.isBlank() ? "the API answered an Error without a message" : message.strip();
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
    }

    private static Answer answer(JsonNode body) {
        if (body == null || !body.path("Data").isArray()) {
            return null;
        }
        List<Answer.Match> records = new ArrayList<>();
        for (JsonNode r : body.path("Data")) {
            records.add(new Answer.Match(
                    text(r, "first_name"),
                    text(r, "last_name"),
                    text(r, "email"),
                    text(r, "sms_telephone"),
                    text(r, "number_customergauge")));
        }
        JsonNode total = body.path("total");
        return new Answer(records, total.canConvertToLong() ? total.asLong() : records.size());
    }

    private static String text(JsonNode record, String field) {
        JsonNode value = record.path(field);
        return value.isNull() || value.isMissingNode() ? "" : value.asString();
    }

    @Override
    public String description() {
        return "the Anonymize API at " + url;
    }

    @Override
    public String urlSetting() {
        return "CUSTOMERGAUGE_API_URL";
    }
}
