package org.capsim.report.chart;

import java.util.List;

/**
 * A summary.json metric that comparison and sweep charts show, with its axis title.
 *
 * @param key   the metric's key in summary.json
 * @param axis  the axis title, unit included
 * @param scale what the value is multiplied by for the axis (100 for a fraction shown in %)
 */
record KeyMetric(String key, String axis, double scale) {

    /** The headline figures, in the order a planner reads them. */
    static final List<KeyMetric> HEADLINE = List.of(
            new KeyMetric("wait_h_mean", "mean wait (h)", 1),
            new KeyMetric("wait_h_p95", "95th percentile wait (h)", 1),
            new KeyMetric("jobs_completed", "jobs completed", 1),
            new KeyMetric("utilization", "fleet utilization (%)", 100),
            new KeyMetric("gpu_hours", "GPU-hours used", 1),
            new KeyMetric("spend_usd", "spend (US$)", 1));
}
