package com.aliasimport.sandbox;

import java.util.Map;

/**
 * The body of a records request (JSON or form), parsed, before validation.
 *
 * @param configuration the "configuration" value as text, or null when absent or null
 * @param record        field name to value; null when "record" is absent or not an object.
 *                      A value is null when the field was JSON null or an empty array/object;
 *                      a non-empty JSON array/object is kept as its JSON text
 */
record RecordsBody(String configuration, Map<String, String> record) {}
