package org.capsim.metrics;

import java.io.Serializable;
import java.util.Map;

/**
 * The figures of one replication, keyed as in summary.json. Values may be NaN where undefined.
 * Maps keep the order capsim reports them in.
 *
 * @param metrics   fleet-wide metrics
 * @param classes   per workload class, then metric
 * @param providers per provider, then metric
 * @param sites     per site, then metric
 * @param events    events the kernel executed
 * @param digest    hash of the executed event sequence
 *
 * <p>Serializable: a replication run on a cluster's executor (capsim-spark) comes back to the driver.
 */
public record ReplicationResult(int replication, Map<String, Double> metrics, Map<String, Map<String, Double>> classes,
        Map<String, Map<String, Double>> providers, Map<String, Map<String, Double>> sites, long events, long digest)
        implements Serializable {
}
