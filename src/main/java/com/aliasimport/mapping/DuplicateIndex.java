package com.aliasimport.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * Remembers each valid row it has seen by a 64-bit digest of its values, with the line it was first seen on.
 * An open-addressing table of primitives: about 16 bytes a row (16 MB for a million rows), where a HashMap of
 * strings would take ten times that. Two different rows share a digest with a probability near 3e-8 in a
 * million-row file.
 */
public final class DuplicateIndex {

    private long[] keys = new long[1 << 12];
    private long[] lines = new long[1 << 12];
    private boolean hasZeroKey;
    private long zeroKeyLine;
    private int size;

    /** Records the row and returns the line of an earlier identical row, or -1 when it is the first. */
    public long firstLineOf(Map<String, String> record, long line) {
        long key = digest(record);
        if (key == 0) {
            if (hasZeroKey) {
                return zeroKeyLine;
            }
            hasZeroKey = true;
            zeroKeyLine = line;
            return -1;
        }
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (keys[slot] != 0) {
            if (keys[slot] == key) {
                return lines[slot];
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        lines[slot] = line;
        if (++size * 2 > keys.length) {
            grow();
        }
        return -1;
    }

    public int size() {
        return size + (hasZeroKey ? 1 : 0);
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldLines = lines;
        keys = new long[oldKeys.length * 2];
        lines = new long[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = mix(oldKeys[i]) & mask;
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                lines[slot] = oldLines[i];
            }
        }
    }

    private static int mix(long key) {
        return (int) (key ^ (key >>> 32));
    }

    private static long digest(Map<String, String> record) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (var e : record.entrySet()) {
            // Length-prefixed so that ("ab","c") and ("a","bc") differ.
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
            sha.update(intBytes(name.length));
            sha.update(name);
            sha.update(intBytes(value.length));
            sha.update(value);
        }
        byte[] d = sha.digest();
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (d[i] & 0xff);
        }
        return v;
    }

    private static byte[] intBytes(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }
}
