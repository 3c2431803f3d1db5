package org.capsim.cluster;

import java.util.Arrays;

/**
 * The earliest-start answers one pool gives policies under FIFO with priorities, kept as a plan
 * of the queue: every queued job's start (in {@link PlannedQueue}) and, per priority level, a
 * checkpoint ({@link Forecast}): the pool's future once the jobs of that level and of the levels
 * ahead have started. A newcomer of priority p is answered from the checkpoint of the last level
 * it would wait behind, without replaying anything.
 *
 * <p>A job joining its level's tail extends that checkpoint; the levels behind it become stale.
 * Making them current again replays their jobs ({@link StartEstimator}) from the checkpoint
 * ahead, and stops as soon as the new plan meets the old one: a job starts when the old plan said
 * and every job placed differently has ended by then, so the rest of the old plan, checkpoints
 * included, holds as it was. Where the jump-ahead only filled GPUs that stood idle, that is a few
 * jobs, not the whole backlog. Anything else unforeseen (capacity, rejections, backfill) drops
 * the plan, to be replayed from the running jobs on the next question.
 */
final class EarliestStarts {

    private final Pool pool;
    private final PoolQueue queue;
    private final Capacity capacity;
    private final StartEstimator estimator;
    /** The queued jobs as the replays read them, with their planned starts. */
    private final PlannedQueue backlog;
    /** Per level: the future once the queued jobs of that level and the levels ahead have started. */
    private final Forecast[] checkpoints;
    /** Per level at or beyond {@link #validLevels}: whether its checkpoint is still a lower bound. */
    private final boolean[] bounded;
    /**
     * Per level: whether its checkpoint is exact even though the level may be empty now: written
     * since the last job joined a level ahead or started from a level behind.
     */
    private final boolean[] fresh;
    /** The checkpoints of the non-empty levels before this one describe the current plan. */
    private int validLevels;
    /**
     * Whether the planned starts and checkpoints of the stale levels are one consistent old plan
     * that the current one differs from only by jobs that joined ahead of them.
     */
    private boolean planned;
    /** Every job placed differently from the old plan (or not in it) ends by this time. */
    private double divergence = Double.NEGATIVE_INFINITY;
    /** The last level holding a job that joined it while it was stale (it has no planned start); -1: none. */
    private int unplannedLevel = -1;
    /** The instant the plan was last checked against overdue capacity. */
    private double seenAt = Double.NaN;

    EarliestStarts(Pool pool, PoolQueue queue, Capacity capacity, StartEstimator estimator) {
        this.pool = pool;
        this.queue = queue;
        this.capacity = capacity;
        this.estimator = estimator;
        this.backlog = new PlannedQueue(queue);
        this.checkpoints = new Forecast[queue.levelCount()];
        for (int i = 0; i < checkpoints.length; i++) {
            checkpoints[i] = new Forecast();
        }
        this.bounded = new boolean[checkpoints.length];
        this.fresh = new boolean[checkpoints.length];
    }

    /** Drops the plan: something it did not foresee happened. */
    void invalidate() {
        drop(false);
    }

    private void drop(boolean keepBounds) {
        if (keepBounds) {
            for (int level = 0; level < validLevels; level++) {
                bounded[level] = true;
            }
        } else {
            Arrays.fill(bounded, false);
        }
        Arrays.fill(fresh, false);
        validLevels = 0;
        planned = false;
        divergence = Double.NEGATIVE_INFINITY;
        unplannedLevel = -1;
    }

    /**
     * Notes that {@code job} left the queue to start now: where the old plan had it start at
     * another time, the GPUs it holds differ from that plan's until both ends have passed.
     */
    void started(Job job, double now) {
        int level = queue.levelOf(job.jobClass().priority());
        // it now holds GPUs the levels ahead counted on
        Arrays.fill(fresh, 0, level, false);
        double old = backlog.started(job, level);
        if (planned && old != now) {
            divergence = Math.max(divergence, now + job.heldHours);
            if (old == old) { // not NaN
                divergence = Math.max(divergence, old + job.heldHours);
            }
        }
    }

    /** Adds {@code job}, about to join the queue, to the plan. */
    void admit(Job job, double now) {
        refresh(now);
        int level = queue.levelOf(job.jobClass().priority());
        boolean behind = queue.lastNonEmptyBefore(checkpoints.length) > level; // jobs queued behind it
        Forecast checkpoint = level < validLevels ? currentCheckpoint(level, now) : null;
        if (checkpoint == null) { // its level is stale: the next replay places it
            backlog.add(job, level, Double.NaN);
            bounded[level] &= !queue.isEmptyAt(level);
            unplannedLevel = Math.max(unplannedLevel, level);
            Arrays.fill(fresh, level, fresh.length, false);
            return;
        }
        double start = checkpoint.earliestStart(job.gpus, now);
        if (start == Double.POSITIVE_INFINITY) {
            backlog.add(job, level, Double.NaN);
            invalidate();
            return;
        }
        checkpoint.commit(job.gpus, job.heldHours, start);
        backlog.add(job, level, start);
        fresh[level] = true;
        Arrays.fill(fresh, level + 1, fresh.length, false); // they now wait behind it
        if (behind) {
            for (int below = level + 1; below < validLevels; below++) {
                bounded[below] = true;
            }
            validLevels = level + 1;
            divergence = Math.max(divergence, start + job.heldHours);
        }
    }

    /**
     * The checkpoint of {@code level} (before {@link #validLevels}), made current first when the
     * level is empty: a copy of the level ahead, or the present when no job waits ahead.
     */
    private Forecast currentCheckpoint(int level, double now) {
        Forecast checkpoint = checkpoints[level];
        if (queue.isEmptyAt(level) && !fresh[level]) {
            int ahead = queue.lastNonEmptyBefore(level);
            if (ahead >= 0) {
                checkpoint.copyFrom(checkpoints[ahead]);
            } else {
                estimator.startFromNow(pool, now);
                estimator.saveTo(checkpoint);
            }
        }
        return checkpoint;
    }

    /** See {@link Pool#earliestStart}. */
    double earliestStart(int gpus, int priority, double now) {
        double settled = settledStart(gpus, now);
        if (!Double.isNaN(settled)) {
            return settled;
        }
        refresh(now);
        int last = queue.lastNonEmptyBefore(queue.levelsAhead(priority));
        if (last < 0) { // it would wait behind no one
            return estimator.earliestStart(pool, gpus, priority, now);
        }
        if (!plan(last, now)) {
            return Double.POSITIVE_INFINITY; // a job ahead of it never fits
        }
        return checkpoints[last].earliestStart(gpus, now);
    }

    /**
     * See {@link Pool#earliestStartUpTo}. A stale checkpoint still bounds the answer from below:
     * since it was made, jobs only joined ahead and capacity only came later than believed, and
     * strict FIFO is monotone in both, so no job can start sooner now.
     */
    double earliestStartUpTo(int gpus, int priority, double now, double limit) {
        double bound = atLeast(gpus, priority, now);
        return bound > limit ? bound : earliestStart(gpus, priority, now);
    }

    /** See {@link Pool#earliestStartAtLeast}: the answer when its checkpoint is current, else a bound. */
    double atLeast(int gpus, int priority, double now) {
        double settled = settledStart(gpus, now);
        if (!Double.isNaN(settled)) {
            return settled;
        }
        refresh(now);
        int last = queue.lastNonEmptyBefore(queue.levelsAhead(priority));
        if (last >= 0 && (last < validLevels || bounded[last])) {
            return checkpoints[last].earliestStart(gpus, now);
        }
        return now;
    }

    /** See {@link Pool#replayedEarliestStart}. */
    double replayed(int gpus, int priority, double now) {
        double settled = settledStart(gpus, now);
        return Double.isNaN(settled) ? estimator.earliestStart(pool, gpus, priority, now) : settled;
    }

    /**
     * Makes the checkpoint of {@code level} current: replays the stale levels up to it from the
     * last current checkpoint ahead (or the present), stopping early where the new plan meets the
     * old one. False when a queued job never fits.
     */
    private boolean plan(int level, double now) {
        if (level < validLevels) {
            return true;
        }
        int from = queue.lastNonEmptyBefore(Math.min(validLevels, level));
        if (from < 0) {
            estimator.startFromNow(pool, now);
        } else {
            estimator.startFrom(checkpoints[from], now);
        }
        boolean merging = planned;
        for (int at = from + 1; at <= level; at++) {
            if (queue.isEmptyAt(at)) {
                continue;
            }
            boolean mayMeet = merging && at > unplannedLevel;
            PlannedQueue.Level jobs = backlog.level(at);
            double[] plannedStarts = jobs.planned;
            for (int i = jobs.head; i < jobs.end; i++) {
                double held = jobs.held[i];
                double start = estimator.place(jobs.gpus[i], held);
                if (start == Double.POSITIVE_INFINITY) {
                    drop(false);
                    return false;
                }
                double old = plannedStarts[i];
                if (start != old) {
                    divergence = Math.max(divergence, start + held);
                    if (old == old) { // not NaN: it was in the old plan, which it leaves
                        divergence = Math.max(divergence, old + held);
                    }
                    plannedStarts[i] = start;
                } else if (mayMeet && divergence <= start) {
                    met(); // the old plan holds from here on
                    return true;
                }
            }
            estimator.saveTo(checkpoints[at]);
            bounded[at] = false;
            fresh[at] = true;
        }
        validLevels = level + 1;
        if (queue.lastNonEmptyBefore(checkpoints.length) <= level) {
            met(); // every queued job is placed: this is the whole plan
        }
        return true;
    }

    /** The plan is current and consistent at every level. */
    private void met() {
        validLevels = checkpoints.length;
        planned = true;
        divergence = Double.NEGATIVE_INFINITY;
        unplannedLevel = -1;
        Arrays.fill(bounded, false);
    }

    /**
     * While a tranche is overdue its believed arrival moves with the clock, so a plan made at an
     * earlier instant no longer holds; it still bounds the answers from below.
     */
    private void refresh(double now) {
        if (now != seenAt) {
            if (validLevels > 0 && capacity.overdue(now)) {
                drop(true);
            }
            seenAt = now;
        }
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
}
