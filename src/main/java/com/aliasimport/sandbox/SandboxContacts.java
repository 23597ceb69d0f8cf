package com.aliasimport.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The people the Anonymize API finds: a fixed list, the same in every run, so that a client's tests (and
 * sample-data/anonymize-requests.csv) can say who is found. Some people have several CustomerGauge records, as a
 * CRM that imported the same person twice would: zoe.angstrom@example.com is in three, Søren Ødegård's mobile
 * +47 412 34 567 in two. The names are not all ASCII, and the stored emails and telephones are not all written
 * alike, so only a lookup that normalises finds every record.
 */
final class SandboxContacts {

    /** One CustomerGauge record of a person, with the fields the Anonymize API returns. */
    record Contact(String firstName, String lastName, String email, String smsTelephone, String numberCustomergauge) {

        /** The record as the API writes it, in its field order. */
        Map<String, String> toJson() {
            Map<String, String> json = new LinkedHashMap<>();
            json.put("first_name", firstName);
            json.put("last_name", lastName);
            json.put("email", email);
            json.put("sms_telephone", smsTelephone);
            json.put("number_customergauge", numberCustomergauge);
            return json;
        }
    }

    // Emails on the example domains of RFC 2606; the first record is the API page's own example.
    static final List<Contact> ALL = List.of(
            new Contact("John", "Doe", "john.doe@example.com", "123456789", "10438"),
            new Contact("Zoë", "Ångström", "zoe.angstrom@example.com", "+46 70 174 12 34", "10501"),
            new Contact("Zoë", "Ångström", "Zoe.Angstrom@example.com", "+46 8 555 012 34", "10502"),
            new Contact("Zoë", "Ångström", "ZOE.ANGSTROM@EXAMPLE.COM", "+46 70 174 98 76", "10517"),
            new Contact("José", "Müller", "jose.muller@example.org", "+49 30 55501234", "10612"),
            new Contact("Søren", "Ødegård", "soren.odegard@example.net", "+47 412 34 567", "10733"),
            new Contact("Søren", "Ødegård", "s.odegard@example.org", "+4741234567", "10734"),
            new Contact("芳", "王", "wang.fang@example.com", "+86 10 5555 0199", "10845"),
            new Contact("Marie-Claire", "Lefèvre", "marie-claire.lefevre@example.org", "+33 6 55 50 12 34", "10910"),
            new Contact("Łukasz", "Wróbel", "lukasz.wrobel@example.net", "+48 500 555 012", "10922"),
            new Contact("Ana María", "Núñez", "ana.nunez@example.com", "+34 655 501 234", "11004"),
            new Contact("Priya", "Raghunathan", "priya.r@example.org", "+91 98450 55501", "11019"),
            new Contact("Aoife", "Ní Bhriain", "aoife.nibhriain@example.net", "+353 85 555 0142", "11027"),
            new Contact("Văn An", "Nguyễn", "an.nguyen@example.com", "+84 90 555 0123", "11033"),
            new Contact("Seán", "O'Brien", "sean.obrien@example.com", "+44 7700 900123", "11045"));

    private SandboxContacts() {}

    /** Every record with this email, compared trimmed and ignoring case. */
    static List<Contact> byEmail(String email) {
        String wanted = normalisedEmail(email);
        return matching(contact -> normalisedEmail(contact.email()).equals(wanted));
    }

    /**
     * Every record with this telephone, compared by digits alone ("+47 (412) 34-567" is "4741234567"); none for a
     * telephone without digits.
     */
    static List<Contact> byTelephone(String telephone) {
        String wanted = digits(telephone);
        return wanted.isEmpty()
                ? List.of()
                : matching(contact -> digits(contact.smsTelephone()).equals(wanted));
    }

    private static List<Contact> matching(Predicate<Contact> matches) {
        return ALL.stream().filter(matches).toList();
    }

    private static String normalisedEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static String digits(String telephone) {
        StringBuilder digits = new StringBuilder(telephone.length());
        telephone.chars().filter(c -> c >= '0' && c <= '9').forEach(c -> digits.append((char) c));
        return digits.toString();
    }
}
