package org.capsim.metrics;

import java.util.Arrays;

/**
 * The waits of a replication (or of one class in it), for their mean and percentiles. Waits of
 * exactly zero are counted, not stored: in a pool with room most jobs start on arrival, so the
 * list to keep and to sort at the end is a fraction of the jobs.
 */
final class Waits {

    private static final long POSITIVE_ZERO = Double.doubleToRawLongBits(0.0);

    private int zeros;
    private final DoubleList others = new DoubleList();

    void add(double wait) {
        if (Double.doubleToRawLongBits(wait) == POSITIVE_ZERO) { // +0.0 only: -0.0 sorts before it, so is kept
            zeros++;
        } else {
            others.add(wait);
        }
    }

    int count() {
        return zeros + others.size();
    }

    /** The waits in ascending order (as {@link Arrays#sort(double[])} orders them), without writing out the zeros. */
    Sorted sorted() {
        double[] rest = others.toArray();
        Arrays.sort(rest);
        int split = 0; // the kept values before +0.0: negatives and -0.0, none in a valid run
        while (split < rest.length && Double.compare(rest[split], 0.0) < 0) {
            split++;
        }
        return new Sorted(rest, split, zeros);
    }

    /**
     * All the waits in ascending order: {@code rest[0, split)}, then {@code zeros} times +0.0,
     * then {@code rest[split, end)}.
     */
    record Sorted(double[] rest, int split, int zeros) {

        int length() {
            return rest.length + zeros;
        }

        /** The {@code k}-th smallest wait, from 0. */
        double get(int k) {
            if (k < split) {
                return rest[k];
            }
            return k < split + zeros ? 0.0 : rest[k - zeros];
        }

        /**
         * The mean, bit for bit what {@link Stats#mean} gives on the whole sorted array: the same
         * additions in the same order (adding +0.0 a second time changes nothing).
         */
        double mean() {
            int n = length();
            if (n == 0) {
                return Double.NaN;
            }
            double sum = 0;
            for (int i = 0; i < split; i++) {
                sum += rest[i];
            }
            if (zeros > 0) {
                sum += 0.0;
            }
            for (int i = split; i < rest.length; i++) {
                sum += rest[i];
            }
            return sum / n;
        }

        /** The p-th percentile (0-100), as {@link Stats#percentileOfSorted} of the whole sorted array. */
        double percentile(double p) {
            return Stats.percentileOfSorted(length(), this::get, p);
        }
    }
}
