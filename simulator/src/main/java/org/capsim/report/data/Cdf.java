package org.capsim.report.data;

import java.util.Arrays;

import org.capsim.metrics.DoubleList;

/**
 * An empirical distribution reduced to the points a chart draws: the value at evenly spaced
 * probabilities, plus the extremes, so a million waits draw as a few hundred points.
 *
 * @param values      increasing values
 * @param probability the fraction of the sample at or below each value
 * @param count       how many values the distribution describes (a sample of them may have been drawn)
 */
public record Cdf(double[] values, double[] probability, long count) {

    /** Points per curve: smooth at laptop width, light in SVG. */
    static final int POINTS = 200;

    /** The distribution of {@code sample}. */
    public static Cdf of(DoubleList sample) {
        return of(sample.toArray(), sample.size());
    }

    /**
     * The distribution of a sample (sorted in place) of {@code count} values.
     */
    static Cdf of(double[] sample, long count) {
        double[] sorted = sample;
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n == 0) {
            return new Cdf(new double[0], new double[0], count);
        }
        int points = Math.min(n, POINTS);
        double[] values = new double[points + 1];
        double[] probability = new double[points + 1];
        values[0] = sorted[0];
        probability[0] = upperRank(sorted, sorted[0]) / (double) n;
        for (int k = 1; k <= points; k++) {
            int rank = (int) Math.ceil((double) k * n / points); // 1..n
            values[k] = sorted[rank - 1];
            probability[k] = upperRank(sorted, values[k]) / (double) n;
        }
        return new Cdf(values, probability, count);
    }

    /** How many values are at most {@code x} (ties included: a CDF is right-continuous). */
    private static int upperRank(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The fraction of the sample at or below x. */
    public double at(double x) {
        double p = 0;
        for (int k = 0; k < values.length && values[k] <= x; k++) {
            p = probability[k];
        }
        return p;
    }
}
