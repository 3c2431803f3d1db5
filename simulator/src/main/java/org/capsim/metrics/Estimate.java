package org.capsim.metrics;

/**
 * A metric over replications: the mean, the half width of its Student-t 95 % interval, and the
 * number of replications where the metric was defined (a wait is undefined when no job started).
 */
public record Estimate(double mean, double ci95, int n) {

    /** Aggregates the defined (non-NaN) values. */
    public static Estimate of(double[] perReplication) {
        double[] defined = java.util.Arrays.stream(perReplication).filter(v -> !Double.isNaN(v)).toArray();
        return new Estimate(Stats.mean(defined), Stats.ci95(defined), defined.length);
    }
}
