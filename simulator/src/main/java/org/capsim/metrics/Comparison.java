package org.capsim.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Each policy after the first against the first (the baseline), metric by metric, on paired
 * replications: replication r of every policy saw the same jobs and build-out (common random
 * numbers), so the difference is taken within each replication and its interval leaves out the
 * replication-to-replication noise the policies share.
 *
 * @param baseline the first policy
 * @param policies the others, in the order given
 */
public record Comparison(String baseline, List<Against> policies) {

    /**
     * The paired difference (policy − baseline) of one metric over replications.
     *
     * @param mean         mean of the per-replication differences
     * @param ci95         half width of its Student-t 95 % interval (0 for n = 1)
     * @param n            replications where both policies defined the metric
     * @param unpairedCi95 the half width the same data would give if the runs were independent
     *                     (Welch), to show what pairing gains; NaN for fewer than two values
     */
    public record Difference(double mean, double ci95, int n, double unpairedCi95) {

        /** Whether the 95 % interval leaves out 0: the policies differ beyond the noise. */
        public boolean excludesZero() {
            return n >= 2 && Double.isFinite(mean) && Double.isFinite(ci95) && Math.abs(mean) > ci95;
        }
    }

    /** One policy against the baseline: fleet metrics and, per class, provider and site, its metrics. */
    public record Against(String policy, Map<String, Difference> metrics, Map<String, Map<String, Difference>> classes,
            Map<String, Map<String, Difference>> providers, Map<String, Map<String, Difference>> sites) {
    }

    /**
     * @param labels  the policies' names, baseline first
     * @param results per policy (same order), the results in replication order, all of equal length
     */
    public static Comparison of(List<String> labels, List<List<ReplicationResult>> results) {
        if (labels.size() != results.size() || labels.size() < 2) {
            throw new IllegalArgumentException("a comparison needs two or more policies with results");
        }
        List<ReplicationResult> base = results.get(0);
        List<Against> against = new ArrayList<>();
        for (int k = 1; k < labels.size(); k++) {
            List<ReplicationResult> other = results.get(k);
            if (other.size() != base.size()) {
                throw new IllegalArgumentException("policies ran different numbers of replications");
            }
            against.add(new Against(labels.get(k), differences(base, other, ReplicationResult::metrics),
                    grouped(base, other, ReplicationResult::classes), grouped(base, other, ReplicationResult::providers),
                    grouped(base, other, ReplicationResult::sites)));
        }
        return new Comparison(labels.get(0), List.copyOf(against));
    }

    /** Per group (class, provider or site) of the baseline's first replication, the differences of its metrics. */
    private static Map<String, Map<String, Difference>> grouped(List<ReplicationResult> base, List<ReplicationResult> other,
            Function<ReplicationResult, Map<String, Map<String, Double>>> part) {
        Map<String, Map<String, Difference>> out = new LinkedHashMap<>();
        for (String group : part.apply(base.get(0)).keySet()) {
            out.put(group, differences(base, other, r -> part.apply(r).getOrDefault(group, Map.of())));
        }
        return out;
    }

    private static Map<String, Difference> differences(List<ReplicationResult> base, List<ReplicationResult> other,
            Function<ReplicationResult, Map<String, Double>> part) {
        Map<String, Difference> out = new LinkedHashMap<>();
        for (String key : part.apply(base.get(0)).keySet()) {
            out.put(key, difference(values(base, part, key), values(other, part, key)));
        }
        return out;
    }

    private static double[] values(List<ReplicationResult> results, Function<ReplicationResult, Map<String, Double>> part,
            String key) {
        return results.stream().mapToDouble(r -> {
            Double value = part.apply(r).get(key);
            return value == null ? Double.NaN : value;
        }).toArray();
    }

    /** The paired difference b − a, over replications where both are defined. */
    static Difference difference(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int r = 0; r < a.length; r++) {
            d[r] = b[r] - a[r]; // NaN where either is undefined, which Estimate leaves out
            if (Math.abs(d[r]) <= Stats.ROUNDING * Math.max(Math.abs(a[r]), Math.abs(b[r]))) {
                d[r] = 0; // the same value reached by two paths of rounding
            }
        }
        Estimate paired = Estimate.of(d);
        return new Difference(paired.mean(), paired.ci95(), paired.n(), Stats.welchCi95(defined(a), defined(b)));
    }

    private static double[] defined(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    }
}
