package com.aliasimport.anonymize;

import java.util.Locale;

/** The two keys the Anonymize API looks people up by, named as its query parameters and the file's columns. */
public enum KeyType {
    EMAIL("email"),
    TELEPHONE("telephone");

    /** Fewest digits a telephone may have: anything shorter is a typo or an extension, not a number to look up. */
    static final int MIN_TELEPHONE_DIGITS = 6;

    private final String parameter;

    KeyType(String parameter) {
        this.parameter = parameter;
    }

    /** The query parameter, the column heading and the {@code key_type} of the results. */
    public String parameter() {
        return parameter;
    }

    public static KeyType ofParameter(String name) {
        for (KeyType type : values()) {
            if (type.parameter.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("not a key type: " + name);
    }

    /** Why the (trimmed, non-blank) value cannot be looked up, or null when it can. */
    String problem(String value) {
        return switch (this) {
            case EMAIL -> plausibleEmail(value) ? null : "not an email address (one @, a dot in the domain, no spaces)";
            case TELEPHONE ->
                digits(value).length() >= MIN_TELEPHONE_DIGITS
                                && value.replaceFirst("^\\+", "")
                                        .replaceAll("[\\d\\s.()\\[\\]-]", "")
                                        .isEmpty()
                        ? null
                        : "not a telephone number (at least " + MIN_TELEPHONE_DIGITS
                                + " digits; spaces, dashes, dots, brackets and a leading + allowed)";
        };
    }

    /** What two keys that are the same person's have in common: emails in lower case, telephones as digits. */
    String normalised(String value) {
        return this == EMAIL ? value.toLowerCase(Locale.ROOT) : digits(value);
    }

    private static boolean plausibleEmail(String value) {
        int at = value.indexOf('@');
        if (at <= 0 || at != value.lastIndexOf('@') || at == value.length() - 1) {
            return false;
        }
        String domain = value.substring(at + 1);
        int dot = domain.indexOf('.');
        return dot > 0 && !domain.endsWith(".") && value.chars().noneMatch(Character::isWhitespace);
    }

    private static String digits(String value) {
        return value.replaceAll("\\D", "");
    }
}
