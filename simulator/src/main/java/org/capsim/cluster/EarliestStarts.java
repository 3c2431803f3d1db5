package org.capsim.cluster;

/**
 * The earliest-start answers one pool gives policies. A newcomer that joins the tail of the queue
 * is answered from the pool's {@link Forecast} while it holds, extended as such jobs arrive; any
 * other question, or one after something unforeseen, replays the queue ({@link StartEstimator}).
 */
final class EarliestStarts {

    private final Pool pool;
    private final PoolQueue queue;
    private final Capacity capacity;
    private final StartEstimator estimator;
    private final Forecast forecast = new Forecast();
    /** When {@link #forecast} was last rebuilt. */
    private double madeAt = Double.NaN;

    EarliestStarts(Pool pool, PoolQueue queue, Capacity capacity, StartEstimator estimator) {
        this.pool = pool;
        this.queue = queue;
        this.capacity = capacity;
        this.estimator = estimator;
    }

    /** Drops the forecast: something it did not foresee happened. */
    void invalidate() {
        forecast.invalidate();
    }

    /** Extends the forecast by {@code job}, about to join the queue, or drops it when the job jumps ahead. */
    void admit(Job job, double now) {
        if (joinsTail(job.jobClass().priority()) && holds(now)) {
            double start = forecast.earliestStart(job.gpus, now);
            if (start < Double.POSITIVE_INFINITY) {
                forecast.commit(job.gpus, job.heldHours, start);
            } else {
                forecast.invalidate();
            }
        } else {
            forecast.invalidate(); // it jumps ahead of queued jobs: their forecast starts change
        }
    }

    /** See {@link Pool#earliestStart}. */
    double earliestStart(int gpus, int priority, double now) {
        double settled = settledStart(gpus, now);
        if (!Double.isNaN(settled)) {
            return settled;
        }
        if (joinsTail(priority)) {
            if (!holds(now)) {
                estimator.rebuild(pool, now, forecast);
                madeAt = now;
            }
            if (forecast.valid()) {
                return forecast.earliestStart(gpus, now);
            }
        }
        return estimator.earliestStart(pool, gpus, priority, now);
    }

    /**
     * See {@link Pool#earliestStartUpTo}. While a tranche is overdue the forecast must be replayed
     * at every new instant (see {@link #holds}); the last one, made earlier, still bounds the
     * answer from below: since then capacity can only have come later than it assumed and queued
     * jobs started no earlier, so no job can start sooner now (strict FIFO is monotone in both).
     */
    double earliestStartUpTo(int gpus, int priority, double now, double limit) {
        if (Double.isNaN(settledStart(gpus, now)) && joinsTail(priority) && forecast.valid() && !holds(now)) {
            double bound = forecast.earliestStart(gpus, now);
            if (bound > limit) {
                return bound;
            }
        }
        return earliestStart(gpus, priority, now);
    }

    /** See {@link Pool#replayedEarliestStart}. */
    double replayed(int gpus, int priority, double now) {
        double settled = settledStart(gpus, now);
        return Double.isNaN(settled) ? estimator.earliestStart(pool, gpus, priority, now) : settled;
    }

    /**
     * The answer when the queue need not be consulted: +infinity when the pool will never have
     * {@code gpus} for training, {@code now} when nothing waits and they are free; else NaN.
     */
    private double settledStart(int gpus, double now) {
        if (gpus > capacity.maxFuture()) {
            return Double.POSITIVE_INFINITY;
        }
        return queue.size() == 0 && gpus <= capacity.margin() ? now : Double.NaN;
    }

    /**
     * Whether the forecast still describes the future: it was not thrown away, and no overdue
     * tranche moved its believed arrival ("now") since the forecast was made.
     */
    private boolean holds(double now) {
        return forecast.valid() && (madeAt == now || !capacity.overdue(now));
    }

    /** Whether a job of {@code priority} would queue behind every queued job. */
    private boolean joinsTail(int priority) {
        return queue.size() == 0 || priority <= queue.lowestPriority();
    }
}
