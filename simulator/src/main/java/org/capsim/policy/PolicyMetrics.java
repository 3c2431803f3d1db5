package org.capsim.policy;

import java.util.function.ObjDoubleConsumer;

import org.capsim.record.JobRecord;

/**
 * Figures a routing policy adds to each replication's fleet-wide metrics (summary.json, the
 * terminal table, the page), for example a commitment's spend against its pace. A policy that
 * implements this is told every job's final state, warm-up included, in the order jobs end, and
 * asked for its figures once the replication ends.
 */
public interface PolicyMetrics {

    /** A job reached its final state, or was still running or waiting at the horizon. */
    void jobEnded(JobRecord job);

    /**
     * Gives its figures, by metric name (snake_case, e.g. {@code commitment_spend_usd}), in the
     * order to report them.
     *
     * @param endHours the horizon, in clock hours
     */
    void metrics(double endHours, ObjDoubleConsumer<String> into);
}
