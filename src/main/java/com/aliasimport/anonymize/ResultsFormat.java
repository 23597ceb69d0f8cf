package com.aliasimport.anonymize;

/** How an anonymize check's results file is written. */
public enum ResultsFormat {
    CSV,
    JSON;

    String extension() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
