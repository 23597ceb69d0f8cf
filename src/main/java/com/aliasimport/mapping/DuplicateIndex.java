package com.aliasimport.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * Remembers each valid row it has seen by a 64-bit digest of its values, with the line it was first seen on.
 * An open-addressing table of primitives sized for the file's row count up front (the pre-flight counted them):
 * about 16 bytes a row (16 MB for a million rows) allocated once, where a HashMap of strings would take ten times
 * that, and where doubling a table as it fills would briefly hold both. Two different rows share a digest with a
 * probability near 3e-8 in a million-row file.
 */
public final class DuplicateIndex {

    private static final int MIN_CAPACITY = 1 << 10;
    /** Most slots used before the table grows: linear probing stays short below three quarters. */
    private static final double MAX_LOAD = 0.75;

    private long[] keys;
    private int[] lines;
    private boolean hasZeroKey;
    private long zeroKeyLine;
    private int size;

    /** @param expectedRows rows the table should hold without growing (it grows past that all the same) */
    public DuplicateIndex(long expectedRows) {
        allocate(capacityFor(expectedRows));
    }

    /** Records the row and returns the line of an earlier identical row, or -1 when it is the first. */
    public long firstLineOf(Map<String, String> record, long line) {
        if (line > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("line " + line + " is past the last line this index can hold");
        }
        long key = digest(record);
        if (key == 0) {
            if (hasZeroKey) {
                return zeroKeyLine;
            }
            hasZeroKey = true;
            zeroKeyLine = line;
            return -1;
        }
        int slot = slotOf(key, keys.length);
        while (keys[slot] != 0) {
            if (keys[slot] == key) {
                return lines[slot];
            }
            slot = next(slot, keys.length);
        }
        keys[slot] = key;
        lines[slot] = (int) line;
        if (++size > keys.length * MAX_LOAD) {
            grow();
        }
        return -1;
    }

    public int size() {
        return size + (hasZeroKey ? 1 : 0);
    }

    /** Slots the table has now (for tests). */
    int capacity() {
        return keys.length;
    }

    private static int capacityFor(long rows) {
        long wanted = (long) Math.ceil(Math.max(rows, 1) / MAX_LOAD) + 1;
        return (int) Math.min(Math.max(wanted, MIN_CAPACITY), Integer.MAX_VALUE - 8);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        lines = new int[capacity];
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldLines = lines;
        allocate(capacityFor((long) (size * 1.5)));
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = slotOf(oldKeys[i], keys.length);
                while (keys[slot] != 0) {
                    slot = next(slot, keys.length);
                }
                keys[slot] = oldKeys[i];
                lines[slot] = oldLines[i];
            }
        }
    }

    /** Maps the digest onto 0..capacity-1 without a power-of-two size (multiply-shift, not modulo). */
    private static int slotOf(long key, int capacity) {
        long mixed = (key ^ (key >>> 32)) & 0xffffffffL;
        return (int) ((mixed * capacity) >>> 32);
    }

    private static int next(int slot, int capacity) {
        return slot + 1 == capacity ? 0 : slot + 1;
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
