package com.aliasimport.anonymize;

import java.util.List;

/**
 * What the Anonymize API found for a key.
 *
 * @param records every CustomerGauge record the key matches (none: not found)
 * @param total the API's own count, which should equal the number of records
 */
public record Answer(List<Match> records, long total) {

    public Answer {
        records = List.copyOf(records);
    }

    /** One record the key matches: personal data, kept in the results and the database until purged. */
    public record Match(
            String firstName, String lastName, String email, String smsTelephone, String numberCustomerGauge) {}
}
