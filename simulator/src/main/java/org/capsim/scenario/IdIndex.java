package org.capsim.scenario;

import java.util.Arrays;

/**
 * The job ids of a trace seen so far, to report a duplicate with the line of its first use. An
 * open-addressing table of indices into parallel arrays: a million-row trace costs a few int
 * arrays instead of a HashMap's million entry objects and boxed line numbers.
 */
final class IdIndex {

    private String[] ids = new String[1024];
    private int[] lines = new int[1024];
    private int size;
    /**
     * Slots, kept at most half full: 0 when empty, else the id's hash in the high half and its
     * index + 1 into {@link #ids} in the low half. A probe compares the hash first and reads the
     * id (a String elsewhere in memory, a likely cache miss) only when the hashes agree; hash and
     * index share a slot so that a probe touches one cache line, not two.
     */
    private long[] table = new long[2048];

    /**
     * Records {@code id} first seen at {@code line}; returns 0 when it is new, else the line where
     * it was first seen.
     */
    int firstLine(String id, int line) {
        int mask = table.length - 1;
        int hash = spread(id.hashCode());
        int slot = hash & mask;
        for (long entry; (entry = table[slot]) != 0; slot = (slot + 1) & mask) {
            if ((int) (entry >>> 32) == hash) {
                int index = (int) entry - 1;
                if (ids[index].equals(id)) {
                    return lines[index];
                }
            }
        }
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            lines = Arrays.copyOf(lines, size * 2);
        }
        ids[size] = id;
        lines[size] = line;
        table[slot] = (long) hash << 32 | ++size;
        if (size * 2 > table.length) {
            rehash(table.length * 2);
        }
        return 0;
    }

    private void rehash(int capacity) {
        long[] fresh = new long[capacity];
        int mask = capacity - 1;
        for (long entry : table) {
            if (entry == 0) {
                continue;
            }
            int slot = (int) (entry >>> 32) & mask;
            while (fresh[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            fresh[slot] = entry;
        }
        table = fresh;
    }

    /** Mixes the hash's high bits into the low ones the mask keeps (ids often differ only at the end). */
    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
