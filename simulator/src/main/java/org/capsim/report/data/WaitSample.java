package org.capsim.report.data;

import java.util.Arrays;

/**
 * The waits of one group (a provider, a class, the fleet) kept for its distribution chart: all of
 * them up to {@value #CAPACITY}, beyond that a uniform random sample of that size. A CDF drawn at
 * 200 points from 100,000 samples is within about half a percentage point of the exact one, and
 * memory no longer grows with the number of jobs.
 *
 * <p>The sample is a bottom-k sketch: each wait comes with a key, a fixed pseudo-random function
 * of where its row is (replication, row number within it), and the sample is the waits with the
 * {@value #CAPACITY} smallest keys. Which waits are kept therefore depends on neither the order
 * they come in nor how they are split: the replications' samples, made on their own threads
 * while they run, merge into exactly the sample a pass over jobs.csv makes, so {@code run} and
 * {@code capsim report DIR} draw the same curves.
 */
final class WaitSample {

    static final int CAPACITY = 100_000;

    /** A max-heap on keys once full (the root is the key to beat); in arrival order before. */
    private long[] keys = new long[64];
    private double[] values = new double[64];
    private int size;
    private long seen;

    /** The key of the wait in row {@code row} (from 0) of a replication's jobs.csv rows. */
    static long key(int replication, long row) {
        // distinct rows give distinct inputs (rows below 2^40), and the mix is a bijection, so keys never tie
        long z = ((long) replication << 40) ^ row;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L; // SplitMix64's finalizer
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    void add(long key, double value) {
        seen++;
        offer(key, value);
    }

    /** Adds another group's sample (of other rows): the result is the sample of all their waits. */
    void merge(WaitSample other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.keys[i], other.values[i]);
        }
        seen += other.seen;
    }

    private void offer(long key, double value) {
        if (size < CAPACITY) {
            if (size == keys.length) {
                int grown = Math.min(CAPACITY, size * 2);
                keys = Arrays.copyOf(keys, grown);
                values = Arrays.copyOf(values, grown);
            }
            keys[size] = key;
            values[size] = value;
            siftUp(size++);
        } else if (Long.compareUnsigned(key, keys[0]) < 0) {
            keys[0] = key;
            values[0] = value;
            siftDown();
        }
    }

    private void siftUp(int i) {
        long key = keys[i];
        double value = values[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (Long.compareUnsigned(keys[parent], key) >= 0) {
                break;
            }
            keys[i] = keys[parent];
            values[i] = values[parent];
            i = parent;
        }
        keys[i] = key;
        values[i] = value;
    }

    private void siftDown() {
        long key = keys[0];
        double value = values[0];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && Long.compareUnsigned(keys[child + 1], keys[child]) > 0) {
                child++;
            }
            if (Long.compareUnsigned(key, keys[child]) >= 0) {
                break;
            }
            keys[i] = keys[child];
            values[i] = values[child];
            i = child;
        }
        keys[i] = key;
        values[i] = value;
    }

    /** How many waits were added (not only those kept). */
    long seen() {
        return seen;
    }

    Cdf cdf() {
        return Cdf.of(Arrays.copyOf(values, size), seen);
    }
}
