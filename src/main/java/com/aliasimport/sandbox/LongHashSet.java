package com.aliasimport.sandbox;

/**
 * A set of longs in one open-addressing array (linear probing, at most three quarters full, doubling when it
 * gets there): 8 to 16 bytes an element, no boxing, so a million body hashes take about 16 MB. 0 marks a free
 * slot, so the value 0 itself is kept in a flag. Not thread safe.
 */
final class LongHashSet {

    private static final int INITIAL_CAPACITY = 1024;

    private long[] slots = new long[INITIAL_CAPACITY];
    private int used;
    private boolean hasZero;

    /** Adds {@code value}; true if it was not in the set. */
    boolean add(long value) {
        if (value == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if (!insert(slots, value)) {
            return false;
        }
        used++;
        if (used * 4L >= slots.length * 3L) {
            grow();
        }
        return true;
    }

    int size() {
        return used + (hasZero ? 1 : 0);
    }

    /** Empties the set and gives the memory back. */
    void clear() {
        slots = new long[INITIAL_CAPACITY];
        used = 0;
        hasZero = false;
    }

    /** Slots available now (for tests of growth). */
    int capacity() {
        return slots.length;
    }

    private static boolean insert(long[] table, long value) {
        int mask = table.length - 1;
        for (int i = index(value, mask); ; i = (i + 1) & mask) {
            if (table[i] == 0) {
                table[i] = value;
                return true;
            }
            if (table[i] == value) {
                return false;
            }
        }
    }

    /** Fibonacci hashing: the high bits of a multiplication, so values that differ only in high bits spread too. */
    private static int index(long value, int mask) {
        return (int) ((value * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long value : slots) {
            if (value != 0) {
                insert(bigger, value);
            }
        }
        slots = bigger;
    }
}
