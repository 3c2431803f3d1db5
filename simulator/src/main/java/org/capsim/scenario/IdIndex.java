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
    /** Slots hold index + 1 into {@link #ids}; 0 is empty. Kept at most half full. */
    private int[] table = new int[2048];
    /**
     * Each slot's id hash: a probe compares it first and reads the id (a String elsewhere in
     * memory, a likely cache miss) only when the hashes agree.
     */
    private int[] hashes = new int[2048];

    /**
     * Records {@code id} first seen at {@code line}; returns 0 when it is new, else the line where
     * it was first seen.
     */
    int firstLine(String id, int line) {
        int mask = table.length - 1;
        int hash = spread(id.hashCode());
        int slot = hash & mask;
        while (table[slot] != 0) {
            int index = table[slot] - 1;
            if (hashes[slot] == hash && ids[index].equals(id)) {
                return lines[index];
            }
            slot = (slot + 1) & mask;
        }
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            lines = Arrays.copyOf(lines, size * 2);
        }
        ids[size] = id;
        lines[size] = line;
        table[slot] = ++size;
        hashes[slot] = hash;
        if (size * 2 > table.length) {
            rehash(table.length * 2);
        }
        return 0;
    }

    private void rehash(int capacity) {
        int[] fresh = new int[capacity];
        int[] freshHashes = new int[capacity];
        int mask = capacity - 1;
        for (int old = 0; old < table.length; old++) {
            if (table[old] == 0) {
                continue;
            }
            int hash = hashes[old];
            int slot = hash & mask;
            while (fresh[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            fresh[slot] = table[old];
            freshHashes[slot] = hash;
        }
        table = fresh;
        hashes = freshHashes;
    }

    /** Mixes the hash's high bits into the low ones the mask keeps (ids often differ only at the end). */
    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
