package org.capsim.policy;

import java.time.LocalDate;
import java.util.List;

/** A read-only view of the fleet at the current simulation time. */
public interface FleetView {

    /** Current time, hours from the scenario start. */
    double now();

    /** End of the simulation, hours from the start. */
    double horizon();

    /** Calendar date of hour 0. */
    LocalDate startDate();

    /** Every pool (existing or planned), in scenario order: sites, then GPU types in order of appearance. */
    List<PoolView> pools();

    /** The pools of one provider (empty for an unknown id). */
    List<PoolView> pools(String providerId);

    /** Provider ids in scenario order. */
    List<String> providers();

    /** Display name of a provider. */
    String providerName(String providerId);

    /**
     * Earliest time {@code job} could start in {@code pool} if queued there now: running jobs end
     * at their known times, the build-out adds (and retires) GPUs at its dates, and the queued jobs
     * ahead of it start first. +infinity when it can never start there.
     */
    double earliestStart(JobRequest job, PoolView pool);

    /**
     * {@link #earliestStart} when it is at most {@code limit}; otherwise any time above
     * {@code limit} and not above it, which may be much cheaper to find. For rankings that only
     * need the pools that can beat the best found so far (see {@link PoolChoice}).
     */
    default double earliestStartUpTo(JobRequest job, PoolView pool, double limit) {
        return earliestStart(job, pool);
    }

    /**
     * A time no later than {@link #earliestStart}, found without replaying any queue: which pool
     * to ask first, so that the others can answer with a bound (see {@link PoolChoice}).
     */
    default double earliestStartAtLeast(JobRequest job, PoolView pool) {
        return now();
    }

    /**
     * A time no earlier than {@link #earliestStart}, found without replaying any queue; +infinity
     * when none is known that way. A pool whose bound from above is below every other pool's
     * bound from below starts the job first, whatever the exact answers are (see
     * {@link PoolChoice}).
     */
    default double earliestStartAtMost(JobRequest job, PoolView pool) {
        return Double.POSITIVE_INFINITY;
    }

    /** Whether {@code pool} will ever have enough GPUs for {@code job}. */
    default boolean canEverRun(JobRequest job, PoolView pool) {
        return job.gpusAt(pool) <= pool.maxFutureInstalled();
    }
}
