package com.aliasimport.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link SandboxServer} behaves when no fault is injected: where it listens, which client
 * credentials and inbound-mapping references it knows, and which fields that mapping lists.
 *
 * @param port           TCP port on 127.0.0.1; 0 picks a free ephemeral port
 * @param clientId       the OAuth2 client id the token endpoint accepts
 * @param clientSecret   the OAuth2 client secret the token endpoint accepts
 * @param configurations inbound-mapping references ("configuration") the records endpoint knows
 * @param requiredFields the mapping's required fields, case sensitive; anything the mapping does not list is ignored
 * @param optionalFields the mapping's other fields (none for Account Aliases: both fields are required)
 * @param tokenTtl       how long an issued access token stays valid
 * @param storeRecords   keep every accepted record (for "did every row arrive" checks); turn off
 *                       for million-row benchmarks to keep the sandbox's memory flat
 */
public record SandboxSettings(
        int port,
        String clientId,
        String clientSecret,
        Set<String> configurations,
        List<String> requiredFields,
        Duration tokenTtl,
        boolean storeRecords,
        List<String> optionalFields) {

    /** The example inbound-mapping reference from CustomerGauge's documentation. */
    public static final String CONFIGURATION = "9dd58237-c913-4073-9c76-07da0b49ff50";

    public static final String CLIENT_ID = "sandbox-client";
    public static final String CLIENT_SECRET = "sandbox-secret";
    /** The fields CustomerGauge requires in an Account Alias inbound mapping. */
    public static final List<String> ACCOUNT_ALIAS_FIELDS = List.of("Account Name", "Alias");

    public SandboxSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        requireText(clientId, "clientId");
        requireText(clientSecret, "clientSecret");
        configurations = Set.copyOf(Objects.requireNonNull(configurations, "configurations"));
        requiredFields = List.copyOf(Objects.requireNonNull(requiredFields, "requiredFields"));
        optionalFields = List.copyOf(Objects.requireNonNull(optionalFields, "optionalFields"));
        if (configurations.isEmpty()) {
            throw new IllegalArgumentException("at least one configuration is needed");
        }
        if (requiredFields.isEmpty()) {
            throw new IllegalArgumentException("at least one required field is needed");
        }
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("tokenTtl must be positive, was " + tokenTtl);
        }
    }

    /** A mapping whose fields are all required. */
    public SandboxSettings(
            int port,
            String clientId,
            String clientSecret,
            Set<String> configurations,
            List<String> requiredFields,
            Duration tokenTtl,
            boolean storeRecords) {
        this(port, clientId, clientSecret, configurations, requiredFields, tokenTtl, storeRecords, List.of());
    }

    /** Ephemeral port, the documented example configuration, the Account Alias mapping, 1 h tokens. */
    public static SandboxSettings defaults() {
        return new SandboxSettings(
                0, CLIENT_ID, CLIENT_SECRET, Set.of(CONFIGURATION), ACCOUNT_ALIAS_FIELDS, Duration.ofHours(1), true);
    }

    public SandboxSettings withPort(int port) {
        return new SandboxSettings(
                port, clientId, clientSecret, configurations, requiredFields, tokenTtl, storeRecords, optionalFields);
    }

    public SandboxSettings withClientCredentials(String clientId, String clientSecret) {
        return new SandboxSettings(
                port, clientId, clientSecret, configurations, requiredFields, tokenTtl, storeRecords, optionalFields);
    }

    public SandboxSettings withConfigurations(Set<String> configurations) {
        return new SandboxSettings(
                port, clientId, clientSecret, configurations, requiredFields, tokenTtl, storeRecords, optionalFields);
    }

    public SandboxSettings withRequiredFields(List<String> requiredFields) {
        return new SandboxSettings(
                port, clientId, clientSecret, configurations, requiredFields, tokenTtl, storeRecords, optionalFields);
    }

    /** The fields of another data type's mapping: the sandbox accepts records of that type. */
    public SandboxSettings withMapping(List<String> fields, List<String> required) {
        List<String> optional =
                fields.stream().filter(f -> !required.contains(f)).toList();
        return new SandboxSettings(
                port, clientId, clientSecret, configurations, required, tokenTtl, storeRecords, optional);
    }

    public SandboxSettings withTokenTtl(Duration tokenTtl) {
        return new SandboxSettings(
                port, clientId, clientSecret, configurations, requiredFields, tokenTtl, storeRecords, optionalFields);
    }

    public SandboxSettings withStoreRecords(boolean storeRecords) {
        return new SandboxSettings(
                port, clientId, clientSecret, configurations, requiredFields, tokenTtl, storeRecords, optionalFields);
    }

    /** Never print the secret by accident (records put every component in toString). */
    @Override
    public String toString() {
        return "SandboxSettings[port=" + port + ", clientId=" + clientId + ", clientSecret=***, configurations="
                + configurations + ", requiredFields=" + requiredFields + ", tokenTtl=" + tokenTtl
                + ", storeRecords=" + storeRecords + ", optionalFields=" + optionalFields + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
