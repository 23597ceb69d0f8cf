package com.aliasimport.mapping;

import com.aliasimport.config.AliasImportProperties;
import com.aliasimport.config.ConfigurationException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inbound mapping a configuration reference points at: the field names CustomerGauge keeps (case sensitive;
 * anything else is silently dropped by the API), the required ones, and how CSV headings reach them.
 */
public record InboundMapping(
        List<String> fields,
        Set<String> required,
        Map<String, String> columnMap,
        Set<String> ignoredColumns,
        int maxLength) {

    public InboundMapping {
        fields = List.copyOf(fields);
        required = Set.copyOf(required);
        columnMap = Map.copyOf(columnMap);
        ignoredColumns = Set.copyOf(ignoredColumns);
    }

    public static InboundMapping from(
            AliasImportProperties.Mapping m, Map<String, String> extraColumnMap, List<String> extraIgnored) {
        var fields = new LinkedHashSet<String>();
        m.fields().forEach(f -> fields.add(f.trim()));
        var required = new LinkedHashSet<String>();
        m.required().forEach(f -> required.add(f.trim()));
        if (fields.isEmpty()) {
            throw new ConfigurationException("alias-import.mapping.fields is empty: list the inbound mapping's fields");
        }
        if (!fields.containsAll(required)) {
            throw new ConfigurationException(
                    "alias-import.mapping.required names fields that are not in" + " alias-import.mapping.fields: "
                            + required.stream().filter(r -> !fields.contains(r)).toList());
        }
        var columnMap = new java.util.LinkedHashMap<String, String>();
        m.columns().forEach((column, field) -> columnMap.put(column.trim(), field.trim()));
        extraColumnMap.forEach((column, field) -> columnMap.put(column.trim(), field.trim()));
        for (var e : columnMap.entrySet()) {
            if (!fields.contains(e.getValue())) {
                throw new ConfigurationException("the column map sends \"" + e.getKey() + "\" to \"" + e.getValue()
                        + "\", which is not a field of the inbound mapping " + fields);
            }
        }
        var ignored = new LinkedHashSet<String>();
        m.ignoreColumns().forEach(c -> ignored.add(c.trim()));
        extraIgnored.forEach(c -> ignored.add(c.trim()));
        if (m.maxLength() < 1) {
            throw new ConfigurationException("alias-import.mapping.max-length must be at least 1");
        }
        return new InboundMapping(List.copyOf(fields), required, columnMap, ignored, m.maxLength());
    }
}
