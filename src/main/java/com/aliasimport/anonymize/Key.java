package com.aliasimport.anonymize;

/**
 * One key to look up.
 *
 * @param value as the file gives it, trimmed: what is sent and what the results show
 */
public record Key(KeyType type, String value) {}
