package org.capsim.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.capsim.metrics.Comparison;
import org.capsim.metrics.Estimate;
import org.capsim.scenario.Assignment;
import org.capsim.scenario.Variation;

/**
 * A one-at-a-time sensitivity study (SPEC 6.4): the base scenario, then each key at its low and
 * at its high value with the others at base, all on the same replications, so each varied point
 * is compared with the base replication by replication (paired differences on common random
 * numbers): a key that cannot move a metric shows a difference of exactly 0.
 *
 * @param rows per key and metric, in the order of the keys then the metrics
 */
public record Sensitivity(List<Row> rows) {

    /** The metrics a study reports unless told otherwise (those the scenario defines). */
    public static final List<String> DEFAULT_METRICS = List.of("wait_h_mean", "unserved_share", "spend_usd",
            "utilization");

    /**
     * One key against one metric: the means of base, low and high, and the paired differences
     * (low − base, high − base) with their 95 % half widths. NaN where undefined.
     */
    public record Row(String key, String low, String high, String metric, double baseMean, double lowMean,
            double highMean, double lowDelta, double lowDeltaCi95, double highDelta, double highDeltaCi95) {

        /** The larger of |low delta| and |high delta|: what orders a tornado chart. */
        public double swing() {
            double a = Double.isFinite(lowDelta) ? Math.abs(lowDelta) : 0;
            double b = Double.isFinite(highDelta) ? Math.abs(highDelta) : 0;
            return Math.max(a, b);
        }
    }

    public Sensitivity {
        rows = List.copyOf(rows);
    }

    /** The assignments of each point: none for the base, then each key low, then high. */
    public static List<List<Assignment>> points(List<Variation> keys) {
        List<List<Assignment>> points = new ArrayList<>();
        points.add(List.of());
        for (Variation key : keys) {
            points.add(List.of(key.lowAssignment()));
            points.add(List.of(key.highAssignment()));
        }
        return points;
    }

    /** Each point's name as an arm: {@code base}, then {@code key=value}. */
    public static List<String> labels(List<Variation> keys) {
        List<String> labels = new ArrayList<>();
        labels.add("base");
        for (Variation key : keys) {
            labels.add(key.path() + "=" + key.low());
            labels.add(key.path() + "=" + key.high());
        }
        return labels;
    }

    /**
     * @param arms    the points of {@link #points} run as arms, base first
     * @param metrics the fleet metrics to report
     */
    public static Sensitivity of(List<Variation> keys, PointArms arms, List<String> metrics) {
        List<Row> rows = new ArrayList<>();
        Map<String, Estimate> base = arms.summaries().get(0).metrics();
        for (int k = 0; k < keys.size(); k++) {
            Variation key = keys.get(k);
            Map<String, Estimate> low = arms.summaries().get(1 + 2 * k).metrics();
            Map<String, Estimate> high = arms.summaries().get(2 + 2 * k).metrics();
            Map<String, Comparison.Difference> lowDelta = arms.comparison().policies().get(2 * k).metrics();
            Map<String, Comparison.Difference> highDelta = arms.comparison().policies().get(2 * k + 1).metrics();
            for (String metric : metrics) {
                Comparison.Difference dl = lowDelta.get(metric);
                Comparison.Difference dh = highDelta.get(metric);
                rows.add(new Row(key.path(), key.low(), key.high(), metric, mean(base.get(metric)), mean(low.get(metric)),
                        mean(high.get(metric)), dl == null ? Double.NaN : dl.mean(), dl == null ? Double.NaN : dl.ci95(),
                        dh == null ? Double.NaN : dh.mean(), dh == null ? Double.NaN : dh.ci95()));
            }
        }
        return new Sensitivity(rows);
    }

    /** The metrics the rows cover, in order. */
    public List<String> metrics() {
        return rows.stream().map(Row::metric).distinct().toList();
    }

    /** The rows of {@code metric}, the key with the larger swing first. */
    public List<Row> ranked(String metric) {
        return rows.stream().filter(r -> r.metric().equals(metric))
                .sorted(Comparator.comparingDouble(Row::swing).reversed()).toList();
    }

    private static double mean(Estimate e) {
        return e == null ? Double.NaN : e.mean();
    }
}
