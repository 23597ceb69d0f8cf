package com.aliasimport.sandbox;

import java.util.Map;

/**
 * 64-bit hashes that are the same in every run and every JVM (unlike identity hashes, and wider than
 * {@link String#hashCode}): FNV-1a over the input, then MurmurHash3's finaliser so that rows differing in a digit
 * or two still land far apart. Not cryptographic; any collision among a million inputs has odds of about 1 in
 * 40 million.
 */
final class StableHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private StableHash() {}

    static long of(byte[] bytes) {
        long h = FNV_OFFSET;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        return mix(h);
    }

    /** A record's field names and values in its own order; lengths go in too, so no two records share an input. */
    static long of(Map<String, String> record) {
        long h = FNV_OFFSET;
        for (Map.Entry<String, String> field : record.entrySet()) {
            h = chars(h, field.getKey());
            h = chars(h, field.getValue());
        }
        return mix(h);
    }

    /** A hash as a number in [0, 1), for "this fraction of the inputs". */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    private static long chars(long h, String text) {
        if (text == null) {
            return (h ^ 0xffff_ffffL) * FNV_PRIME;
        }
        h = (h ^ text.length()) * FNV_PRIME;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * FNV_PRIME;
        }
        return h;
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
