package org.capsim.scenario;

import java.util.Arrays;

import org.capsim.csv.Span;
import org.capsim.demand.TraceIds;

/**
 * The job ids of a trace seen so far, to report a duplicate with the line of its first use. An
 * open-addressing table of indices into parallel arrays: a million-row trace costs a few int
 * arrays instead of a HashMap's million entry objects and boxed line numbers.
 */
final class IdIndex {

    /** Where each id seen so far is: in {@code texts[i]} from {@code froms[i]} to {@code tos[i]}. */
    private String[] texts;
    private int[] froms;
    private int[] tos;
    private int[] lines;
    private int size;
    /**
     * Slots, kept at most half full: 0 when empty, else the id's hash in the high half and its
     * index + 1 into the arrays above in the low half. A probe compares the hash first and reads
     * the id (elsewhere in memory, a likely cache miss) only when the hashes agree; hash and index
     * share a slot so that a probe touches one cache line, not two.
     */
    private long[] table;

    IdIndex() {
        this(1024);
    }

    /** @param expected how many ids are likely (a hint: more may be added) */
    IdIndex(int expected) {
        int capacity = TraceIds.capacityFor(expected);
        texts = new String[capacity];
        froms = new int[capacity];
        tos = new int[capacity];
        lines = new int[capacity];
        table = new long[Integer.highestOneBit(capacity) << 2]; // at most half full at that size
    }

    /**
     * Records {@code id} first seen at {@code line}; returns 0 when it is new, else the line where
     * it was first seen.
     */
    int firstLine(String id, int line) {
        return firstLine(new Span(id, 0, id.length()), line);
    }

    /**
     * As {@link #firstLine(String, int)}, for the id {@code id.toString()}: the index keeps the
     * span (a trace's ids are spans of its text, alive while it is read), not a String of it.
     */
    int firstLine(Span id, int line) {
        String text = id.text();
        int from = id.from();
        int to = id.to();
        int length = to - from;
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + text.charAt(i);
        }
        int mask = table.length - 1;
        int hash = spread(h);
        int slot = hash & mask;
        for (long entry; (entry = table[slot]) != 0; slot = (slot + 1) & mask) {
            if ((int) (entry >>> 32) == hash) {
                int index = (int) entry - 1;
                if (tos[index] - froms[index] == length && texts[index].regionMatches(froms[index], text, from, length)) {
                    return lines[index];
                }
            }
        }
        if (size == texts.length) {
            texts = Arrays.copyOf(texts, size * 2);
            froms = Arrays.copyOf(froms, size * 2);
            tos = Arrays.copyOf(tos, size * 2);
            lines = Arrays.copyOf(lines, size * 2);
        }
        texts[size] = text;
        froms[size] = from;
        tos[size] = to;
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
