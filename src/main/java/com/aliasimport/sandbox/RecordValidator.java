package com.aliasimport.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates a records request the way the Imports API does, with its exact messages.
 *
 * <p>Rules, in the order their errors appear: the configuration must be present and known; the
 * record must be a non-empty object; every mapping field must be present and not blank (names are
 * case sensitive); the alias must differ from the account name (a business rule, so realistic sample
 * data has a server-side rejection). The field rules need the mapping, which only a known
 * configuration identifies, so they run only when the configuration is valid. Fields the mapping does
 * not list are dropped without an error, as the real API silently ignores them.
 */
final class RecordValidator {

    static final String ACCOUNT_NAME = "Account Name";
    static final String ALIAS = "Alias";
    static final String CONFIGURATION_INVALID = "The selected configuration is invalid.";

    private final Set<String> configurations;
    private final List<String> requiredFields;
    private final List<String> mappingFields;

    RecordValidator(Set<String> configurations, List<String> requiredFields, List<String> optionalFields) {
        this.configurations = configurations;
        this.requiredFields = requiredFields;
        List<String> all = new ArrayList<>(requiredFields);
        all.addAll(optionalFields);
        this.mappingFields = List.copyOf(all);
    }

    /**
     * @param kept    the mapping fields of a valid record, as received; null when invalid
     * @param ignored names of fields the mapping does not list
     */
    record Verdict(Map<String, List<String>> errors, Map<String, String> kept, List<String> ignored) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    /** The 422 errors for a systemic configuration rejection (an injected fault). */
    static Map<String, List<String>> configurationRejected() {
        return Map.of("configuration", List.of(CONFIGURATION_INVALID));
    }

    Verdict validate(RecordsBody request) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        boolean configurationValid = false;
        if (isBlank(request.configuration())) {
            errors.put("configuration", List.of("The configuration field is required."));
        } else if (!configurations.contains(request.configuration())) {
            errors.put("configuration", List.of(CONFIGURATION_INVALID));
        } else {
            configurationValid = true;
        }

        Map<String, String> record = request.record();
        List<String> ignored = record == null ? List.of() : ignoredFields(record);
        if (record == null || record.isEmpty()) {
            errors.put("record", List.of("The record field is required."));
        } else if (configurationValid) {
            for (String field : requiredFields) {
                if (isBlank(record.get(field))) {
                    errors.put("record." + field, List.of("The record." + field + " field is required."));
                }
            }
            if (!errors.containsKey("record." + ACCOUNT_NAME)
                    && !errors.containsKey("record." + ALIAS)
                    && mappingFields.contains(ACCOUNT_NAME)
                    && mappingFields.contains(ALIAS)
                    && sameName(record.get(ACCOUNT_NAME), record.get(ALIAS))) {
                errors.put("record." + ALIAS, List.of("The alias must differ from the account name."));
            }
        }
        if (!errors.isEmpty()) {
            return new Verdict(errors, null, ignored);
        }
        Map<String, String> kept = new LinkedHashMap<>();
        for (String field : mappingFields) {
            if (record.containsKey(field)) {
                kept.put(field, record.get(field));
            }
        }
        return new Verdict(errors, Collections.unmodifiableMap(kept), ignored);
    }

    private List<String> ignoredFields(Map<String, String> record) {
        List<String> ignored = new ArrayList<>(0);
        for (String name : record.keySet()) {
            if (!mappingFields.contains(name)) {
                ignored.add(name);
            }
        }
        return ignored;
    }

    private static boolean sameName(String accountName, String alias) {
        return accountName.trim().toLowerCase(Locale.ROOT).equals(alias.trim().toLowerCase(Locale.ROOT));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
