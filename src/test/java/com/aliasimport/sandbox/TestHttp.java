package com.aliasimport.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/** A real HTTP client for the sandbox tests: JDK HttpClient, HTTP/1.1, nothing of ours in between. */
final class TestHttp {

    static final String CONFIGURATION = SandboxSettings.CONFIGURATION;

    final SandboxServer server;
    final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    TestHttp(SandboxServer server) {
        this.server = server;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends and returns the exception the client saw; fails if there was none. */
    Exception sendExpectingFailure(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            throw new AssertionError("expected the request to fail, got " + response.statusCode());
        } catch (IOException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> tokenWithForm(String form) {
        return send(HttpRequest.newBuilder(server.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }

    HttpResponse<String> tokenWithBasic(String clientId, String clientSecret, String form) {
        String credentials =
                Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(server.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }

    String token() {
        HttpResponse<String> response = tokenWithForm(
                "grant_type=client_credentials&client_id=" + server.settings().clientId() + "&client_secret="
                        + server.settings().clientSecret());
        if (response.statusCode() != 200) {
            throw new AssertionError("token request failed: " + response.statusCode() + " " + response.body());
        }
        return parse(response.body()).get("access_token").asString();
    }

    HttpRequest.Builder records(String token, String contentType, String body) {
        HttpRequest.Builder builder = withBearer(
                HttpRequest.newBuilder(server.importsUrl()).POST(HttpRequest.BodyPublishers.ofString(body)), token);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return builder;
    }

    /** A GET of the Anonymize API with this query (already encoded), with the token unless it is null. */
    HttpRequest.Builder anonymize(String token, String query) {
        return withBearer(HttpRequest.newBuilder(server.baseUrl().resolve(Router.ANONYMIZE_PATH + "?" + query)), token);
    }

    private static HttpRequest.Builder withBearer(HttpRequest.Builder builder, String token) {
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    /** {@code name=value}, the value encoded as a browser encodes a form field. */
    static String query(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    HttpResponse<String> postJson(String token, String json) {
        return send(records(token, "application/json", json).build());
    }

    HttpResponse<String> postForm(String token, String form) {
        return send(records(token, "application/x-www-form-urlencoded", form).build());
    }

    /** A valid Account Alias import request. */
    static String aliasJson(String accountName, String alias) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("Account Name", accountName);
        record.put("Alias", alias);
        return json(Map.of("configuration", CONFIGURATION, "record", record));
    }

    static String json(Object value) {
        return Json.MAPPER.writeValueAsString(value);
    }

    static JsonNode parse(String json) {
        return Json.MAPPER.readTree(json);
    }

    static Map<String, String> alias(String accountName, String alias) {
        Map<String, String> record = new LinkedHashMap<>();
        record.put("Account Name", accountName);
        record.put("Alias", alias);
        return record;
    }

    HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    /** Polls instead of sleeping: returns as soon as the condition holds, fails after the timeout. */
    static void await(Duration timeout, BooleanSupplier condition) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }
}
