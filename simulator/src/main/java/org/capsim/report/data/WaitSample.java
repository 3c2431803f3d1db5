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

    /**
     * Candidates: every wait whose key is below the threshold, up to twice the capacity; then
     * the {@value #CAPACITY} smallest keys are kept and the threshold drops to the largest of
     * them. Each wait costs O(1) amortized and memory is read in order, where a heap of the best
     * keys costs a sift through the whole heap per replacement.
     */
    private long[] keys = new long[64];
    private double[] values = new double[64];
    private int size;
    /** Whether CAPACITY waits have been kept once: from then on only keys below the threshold enter. */
    private boolean full;
    private long threshold;
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
        if (full && key >= threshold) {
            return; // at least CAPACITY kept waits have smaller keys
        }
        if (size == keys.length) {
            if (size == 2 * CAPACITY) {
                keepSmallest();
                if (key >= threshold) {
                    return;
                }
            } else {
                int grown = Math.min(2 * CAPACITY, size * 2);
                keys = Arrays.copyOf(keys, grown);
                values = Arrays.copyOf(values, grown);
            }
        }
        keys[size] = key;
        values[size] = value;
        size++;
    }

    /** Keeps the CAPACITY smallest keys (when there are more) and lowers the threshold to the largest kept. */
    private void keepSmallest() {
        if (size <= CAPACITY) {
            return;
        }
        int lo = 0;
        int hi = size - 1;
        int k = CAPACITY - 1; // the place of the largest key kept, in sorted order
        while (lo < hi) { // quickselect (Hoare), moving values with their keys
            long pivot = keys[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (keys[i] < pivot) {
                    i++;
                }
                while (keys[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(i++, j--);
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                break;
            }
        }
        size = CAPACITY;
        long largest = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            largest = Math.max(largest, keys[i]);
        }
        threshold = largest;
        full = true;
    }

    private void swap(int i, int j) {
        long key = keys[i];
        keys[i] = keys[j];
        keys[j] = key;
        double value = values[i];
        values[i] = values[j];
        values[j] = value;
    }

    /** How many waits were added (not only those kept). */
    long seen() {
        return seen;
    }

    Cdf cdf() {
        keepSmallest();
        return Cdf.of(Arrays.copyOf(values, size), seen);
    }
}
