package org.capsim.demand;

import java.util.Arrays;

/**
 * The job ids of a trace, one String of all of them end to end and where each ends. A million
 * ids kept as a million Strings live from loading to the end of the run: the collector copied
 * them from the young generation to the old one and then ran a full collection, half a second of
 * pauses in a million-job replay. Here they are two arrays; a job's own String is made when it
 * arrives and dies young with it.
 */
public final class TraceIds {

    private final String chars;
    private final int[] ends;

    private TraceIds(String chars, int[] ends) {
        this.chars = chars;
        this.ends = ends;
    }

    /**
     * How many rows to size a trace's arrays for, given a hint of how many it has: at least 16,
     * and at most 16 M (a hint, not a limit: past it the arrays grow), so that a wrong count
     * cannot ask for a huge allocation up front.
     */
    public static int capacityFor(int expected) {
        return Math.max(16, Math.min(expected, 1 << 24));
    }

    public int size() {
        return ends.length;
    }

    /** The id of the row, a new String. */
    public String get(int row) {
        return chars.substring(row == 0 ? 0 : ends[row - 1], ends[row]);
    }

    /** The ids in the order given: {@code order[i]} is the row that becomes row {@code i}. */
    public TraceIds reordered(int[] order) {
        Builder builder = new Builder(order.length);
        for (int row : order) {
            builder.add(chars, row == 0 ? 0 : ends[row - 1], ends[row]);
        }
        return builder.build();
    }

    /** Collects ids in row order. */
    public static final class Builder {
        private final StringBuilder chars;
        private int[] ends;
        private int size;

        /** @param expected how many ids are likely (a hint: more may be added) */
        public Builder(int expected) {
            int capacity = capacityFor(expected);
            ends = new int[capacity];
            chars = new StringBuilder(capacity * 8);
        }

        /** Adds the id {@code text.substring(from, to)}, without making that String. */
        public void add(String text, int from, int to) {
            if (size == ends.length) {
                ends = Arrays.copyOf(ends, size * 2);
            }
            chars.append(text, from, to);
            ends[size++] = chars.length();
        }

        /** Adds the id {@code text}. */
        public void add(CharSequence text) {
            if (size == ends.length) {
                ends = Arrays.copyOf(ends, size * 2);
            }
            chars.append(text);
            ends[size++] = chars.length();
        }

        /** Adds the id {@code prefix + number}. */
        public void add(String prefix, long number) {
            if (size == ends.length) {
                ends = Arrays.copyOf(ends, size * 2);
            }
            chars.append(prefix).append(number);
            ends[size++] = chars.length();
        }

        public int size() {
            return size;
        }

        public TraceIds build() {
            return new TraceIds(chars.toString(), size == ends.length ? ends : Arrays.copyOf(ends, size));
        }
    }
}
