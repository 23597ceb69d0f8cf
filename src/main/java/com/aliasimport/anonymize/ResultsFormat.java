package com.aliasimport.anonymize;

import java.util.Locale;

/** How an anonymize check's results file is written. */
public enum ResultsFormat {
    CSV,
    JSON;

    String extension() {
        return name().toLowerCase(Locale.ROOT);
    }
}
