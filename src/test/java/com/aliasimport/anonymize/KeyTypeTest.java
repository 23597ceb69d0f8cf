package com.aliasimport.anonymize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which keys are plausible enough to look up, and when two keys are the same. */
class KeyTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"john.doe@example.com", "a+tag@sub.example.co.uk", "søren.ødegård@example.net", "x@y.z"})
    void plausibleEmails(String email) {
        assertThat(KeyType.EMAIL.problem(email)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "maria.at.example.com",
                "a@@example.com",
                "a@b@example.com",
                "@example.com",
                "john@localhost",
                "john@example.",
                "john doe@example.com",
                "john@.com"
            })
    void implausibleEmails(String email) {
        assertThat(KeyType.EMAIL.problem(email)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456", "+47 412-34-567", "+44 (7700) 900.123", "[030] 555 01 23"})
    void plausibleTelephones(String telephone) {
        assertThat(KeyType.TELEPHONE.problem(telephone)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12-34", "12345", "555-CALL-NOW", "12+3456789", "++4412345678", "n/a"})
    void implausibleTelephones(String telephone) {
        assertThat(KeyType.TELEPHONE.problem(telephone)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"John.Doe@Example.COM", "john.doe@example.com"})
    void emailsAreTheSameInAnyCase(String email) {
        assertThat(KeyType.EMAIL.normalised(email)).isEqualTo("john.doe@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+47 412 34 567", "+4741234567", "47-412-34-567", "(47) 412.34.567"})
    void telephonesAreTheSameByTheirDigits(String telephone) {
        assertThat(KeyType.TELEPHONE.normalised(telephone)).isEqualTo("4741234567");
    }
}
