package org.capsim.policy;

import java.util.List;
import java.util.function.Predicate;

/** The rankings behind {@link PoolRule}: each scans the allowed pools that can ever run the job. */
public final class PoolChoice {

    private PoolChoice() {
    }

    /**
     * The allowed pool where the job starts earliest; ties go to the lower cost, then to the
     * pool listed first. Null when no allowed pool can ever run it. The pool that may start it
     * soonest (by {@link FleetView#earliestStartAtLeast}) is asked first, so that the others
     * only need to say exactly how late they are when they can still beat it.
     */
    public static PoolView earliestStart(JobRequest job, FleetView fleet, Predicate<PoolView> allowed) {
        List<PoolView> pools = fleet.pools();
        int first = -1;
        int candidates = 0;
        double firstBound = Double.POSITIVE_INFINITY;
        double secondBound = Double.POSITIVE_INFINITY;
        for (int i = 0; i < pools.size(); i++) {
            PoolView pool = pools.get(i);
            if (allowed.test(pool) && fleet.canEverRun(job, pool)) {
                candidates++;
                double bound = fleet.earliestStartAtLeast(job, pool);
                if (first < 0 || bound < firstBound) {
                    secondBound = firstBound;
                    first = i;
                    firstBound = bound;
                } else if (bound < secondBound) {
                    secondBound = bound;
                }
            }
        }
        if (first < 0) {
            return null;
        }
        if (candidates == 1 && pools.get(first).backfills()) {
            // nothing to rank, and there a job that can ever run starts: it backfills past a blocked head
            return pools.get(first);
        }
        if (fleet.earliestStartAtMost(job, pools.get(first)) < secondBound) {
            return pools.get(first); // it starts the job strictly before any other pool can
        }
        int best = -1;
        double bestStart = Double.POSITIVE_INFINITY;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int n = -1; n < pools.size(); n++) {
            int i = n < 0 ? first : n;
            PoolView pool = pools.get(i);
            if (n == first || !allowed.test(pool) || !fleet.canEverRun(job, pool)) {
                continue;
            }
            // a pool that cannot beat the best so far need not say exactly how late it is
            double start = fleet.earliestStartUpTo(job, pool, bestStart);
            if (start == Double.POSITIVE_INFINITY || start > bestStart) {
                continue;
            }
            double cost = job.costAt(pool);
            if (best < 0 || start < bestStart || cost < bestCost || (cost == bestCost && i < best)) {
                best = i;
                bestStart = start;
                bestCost = cost;
            }
        }
        return best < 0 ? null : pools.get(best);
    }

    /**
     * The allowed pool where the job costs least among those that can start it by
     * {@code latestStart}; ties go to the earlier start, then to the pool listed first. When none
     * can start it in time: the earliest start (then lowest cost). Null when no allowed pool can
     * ever run it.
     */
    public static PoolView cheapest(JobRequest job, FleetView fleet, Predicate<PoolView> allowed, double latestStart) {
        return lowestStartingBy(job, fleet, allowed, latestStart, (j, f, pool) -> j.costAt(pool));
    }

    /**
     * The allowed pool with the lowest {@code score} among those that can start the job by
     * {@code latestStart}; ties go to the earlier start, then to the lower cost, then to the pool
     * listed first. A NaN score ranks last: unknown is not low. When none can start it in time:
     * the earliest start (then lowest cost). Null when no allowed pool can ever run it.
     */
    public static PoolView lowestStartingBy(JobRequest job, FleetView fleet, Predicate<PoolView> allowed, double latestStart,
            PoolRule.Score score) {
        PoolView best = null;
        double bestScore = Double.POSITIVE_INFINITY;
        double bestStart = Double.POSITIVE_INFINITY;
        double bestCost = Double.POSITIVE_INFINITY;
        for (PoolView pool : fleet.pools()) {
            if (!allowed.test(pool) || !fleet.canEverRun(job, pool)) {
                continue;
            }
            double start = fleet.earliestStartUpTo(job, pool, latestStart);
            if (start > latestStart) {
                continue;
            }
            double value = score.of(job, fleet, pool);
            if (Double.isNaN(value)) {
                value = Double.POSITIVE_INFINITY;
            }
            double cost = job.costAt(pool);
            if (best == null || value < bestScore
                    || (value == bestScore && (start < bestStart || (start == bestStart && cost < bestCost)))) {
                best = pool;
                bestScore = value;
                bestStart = start;
                bestCost = cost;
            }
        }
        return best != null ? best : earliestStart(job, fleet, allowed);
    }

    /** The allowed pool with the lowest {@code score}; ties go to the pool listed first. Null when none fits. */
    public static PoolView lowest(JobRequest job, FleetView fleet, Predicate<PoolView> allowed, PoolRule.Score score) {
        PoolView best = null;
        double bestScore = Double.POSITIVE_INFINITY;
        for (PoolView pool : fleet.pools()) {
            if (!allowed.test(pool) || !fleet.canEverRun(job, pool)) {
                continue;
            }
            double value = score.of(job, fleet, pool);
            if (best == null || value < bestScore) {
                best = pool;
                bestScore = value;
            }
        }
        return best;
    }
}
