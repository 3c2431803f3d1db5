package org.capsim.metrics;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/** Sample statistics as capsim reports them. */
public final class Stats {

    private Stats() {
    }

    /** Mean, or NaN for no values. */
    public static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /**
     * The p-th percentile (0-100) with linear interpolation between order statistics (R-7, the
     * default of NumPy and spreadsheets); NaN for no values.
     */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        return new Percentile().withEstimationType(EstimationType.R_7).evaluate(values, p);
    }

    /**
     * {@link #percentile} of values already sorted (no NaN), read off the array: the same R-7
     * arithmetic commons-math does, without its copy of the array and its selection. A
     * million-job replication's waits took a copy and a selection per percentile.
     */
    public static double percentileOfSorted(double[] sorted, double p) {
        return percentileOfSorted(sorted.length, i -> sorted[i], p);
    }

    /** {@link #percentileOfSorted(double[], double)} of the {@code length} values {@code sorted.applyAsDouble(0..)}, ascending. */
    static double percentileOfSorted(int length, java.util.function.IntToDoubleFunction sorted, double p) {
        if (length == 0) {
            return Double.NaN;
        }
        if (length == 1) {
            return sorted.applyAsDouble(0);
        }
        double q = p / 100d;
        // commons-math EstimationType.R_7: index(q, n) then estimate(...), positions from 1
        double pos = Double.compare(q, 0d) == 0 ? 0 : Double.compare(q, 1d) == 0 ? length : 1 + (length - 1) * q;
        double fpos = Math.floor(pos);
        int intPos = (int) fpos;
        double dif = pos - fpos;
        if (pos < 1) {
            return sorted.applyAsDouble(0);
        }
        if (pos >= length) {
            return sorted.applyAsDouble(length - 1);
        }
        double lower = sorted.applyAsDouble(intPos - 1);
        double upper = sorted.applyAsDouble(intPos);
        return lower + dif * (upper - lower);
    }

    /**
     * Half width of the Student-t 95 % confidence interval of the mean of {@code values}
     * (0 for one value or for values that agree but for rounding, NaN for none).
     */
    public static double ci95(double[] values) {
        int n = values.length;
        if (n == 0) {
            return Double.NaN;
        }
        if (n == 1 || spreadless(values)) {
            return 0.0;
        }
        double mean = mean(values);
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
        return t * sd / Math.sqrt(n);
    }

    /**
     * Half width of the 95 % interval of the difference of the means of two independent samples
     * (Welch: unequal variances, Satterthwaite's degrees of freedom); NaN with fewer than two
     * values in either, 0 when both have no spread.
     */
    public static double welchCi95(double[] a, double[] b) {
        int na = a.length;
        int nb = b.length;
        if (na < 2 || nb < 2) {
            return Double.NaN;
        }
        double va = spreadless(a) ? 0 : variance(a) / na;
        double vb = spreadless(b) ? 0 : variance(b) / nb;
        double se2 = va + vb;
        if (se2 == 0) {
            return 0.0;
        }
        double df = se2 * se2 / (va * va / (na - 1) + vb * vb / (nb - 1));
        return new TDistribution(null, df).inverseCumulativeProbability(0.975) * Math.sqrt(se2);
    }

    /**
     * How far apart values may be and still be one value computed along different paths: a
     * metric the replications share (an inference reservation's GPU-hours) sums its steps at
     * each replication's own event times, and differs in the last digits only.
     */
    static final double ROUNDING = 1e-10;

    /** Whether the values agree but for rounding ({@link #ROUNDING} of their magnitude): no spread to report. */
    static boolean spreadless(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min <= ROUNDING * Math.max(Math.abs(min), Math.abs(max));
    }

    /** Sample standard deviation; 0 for fewer than two values. */
    public static double stdDev(double[] values) {
        return values.length < 2 ? 0 : Math.sqrt(variance(values));
    }

    /** Sample variance (n - 1 in the denominator). */
    static double variance(double[] values) {
        double mean = mean(values);
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return ss / (values.length - 1);
    }
}
