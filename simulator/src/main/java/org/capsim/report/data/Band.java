package org.capsim.report.data;

import java.util.Arrays;
import java.util.List;

import org.capsim.metrics.Stats;

/**
 * A time series over replications: per bin of a {@link TimeGrid}, the mean and the 5th and 95th
 * percentiles across replications (a band showing how much replications differ; with one
 * replication the band is the line itself).
 */
public record Band(double[] mean, double[] low, double[] high) {

    public static final double LOW_PERCENTILE = 5;
    public static final double HIGH_PERCENTILE = 95;

    /** @param replications per replication, the bins' values (all of one length) */
    public static Band of(List<double[]> replications) {
        if (replications.isEmpty()) {
            throw new IllegalArgumentException("a band needs at least one replication");
        }
        int bins = replications.get(0).length;
        double[] mean = new double[bins];
        double[] low = new double[bins];
        double[] high = new double[bins];
        double[] column = new double[replications.size()];
        for (int k = 0; k < bins; k++) {
            int n = 0;
            for (double[] replication : replications) {
                double value = replication[k];
                if (!Double.isNaN(value)) { // undefined there (e.g. utilization of a site with no GPUs yet)
                    column[n++] = value;
                }
            }
            double[] defined = Arrays.copyOf(column, n);
            Arrays.sort(defined);
            mean[k] = n == 0 ? Double.NaN : Stats.mean(defined);
            low[k] = n == 0 ? Double.NaN : Stats.percentileOfSorted(defined, LOW_PERCENTILE);
            high[k] = n == 0 ? Double.NaN : Stats.percentileOfSorted(defined, HIGH_PERCENTILE);
        }
        return new Band(mean, low, high);
    }

    public int bins() {
        return mean.length;
    }

    /** The largest value the band reaches. */
    public double max() {
        return Arrays.stream(high).filter(v -> !Double.isNaN(v)).max().orElse(0);
    }
}
