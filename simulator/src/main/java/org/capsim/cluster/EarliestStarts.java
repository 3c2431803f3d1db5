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
 * the plan, to be replayed from the running jobs on the next question. While a tranche is
 * overdue, a plan made at an earlier instant is no longer exact but still bounds the answers
 * from both sides ({@link #atMost}).
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
    /**
     * The checkpoints of the non-empty levels before this one describe the plan of the current
     * queue, as believed at their {@link #madeAt} instant.
     */
    private int validLevels;
    /**
     * The levels before this one (at most {@link #validLevels}) are exact now. Fewer only while a
     * tranche is overdue: its believed arrival moves with the clock, so the levels made at an
     * earlier instant describe a future that came up to {@code now - madeAt} sooner.
     */
    private int exactLevels;
    /** Per level: the instant at which its checkpoint was the exact plan. */
    private final double[] madeAt;
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
        this.madeAt = new double[checkpoints.length];
        Arrays.fill(madeAt, Double.NaN); // never written: no bound from above
    }

    /** Drops the plan: something it did not foresee happened. */
    void invalidate() {
        Arrays.fill(bounded, false);
        validLevels = 0;
        exactLevels = 0;
        forgetOldPlan();
    }

    /** Leaves no old plan to meet and no empty level's checkpoint to trust as it is. */
    private void forgetOldPlan() {
        Arrays.fill(fresh, false);
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
            exactLevels = Math.min(exactLevels, validLevels);
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
                madeAt[level] = madeAt[ahead];
            } else {
                estimator.startFromNow(pool, now);
                estimator.saveTo(checkpoint);
                madeAt[level] = now;
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
        int last = lastLevelAhead(priority, now);
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
        int last = lastLevelAhead(priority, now);
        if (last >= 0 && (last < validLevels || bounded[last])) {
            return checkpoints[last].earliestStart(gpus, now);
        }
        return now;
    }

    /**
     * See {@link Pool#earliestStartAtMost}: the answer when its checkpoint is current, else a
     * bound from above when one is known without a replay, else +infinity. While a tranche is
     * overdue, a checkpoint made at {@code made} describes a future in which everything came up
     * to {@code now - made} sooner than now believed (the clock and the tranche moved on, nothing
     * else did): strict FIFO moves no start by more than that shift, unless a capacity loss
     * (retirement, reservation, power) is still to come, which a later start could dodge.
     */
    double atMost(int gpus, int priority, double now) {
        double settled = settledStart(gpus, now);
        if (!Double.isNaN(settled)) {
            return settled;
        }
        int last = lastLevelAhead(priority, now);
        if (last < 0 || last >= validLevels) {
            return Double.POSITIVE_INFINITY;
        }
        Forecast checkpoint = checkpoints[last];
        if (last < exactLevels) {
            return checkpoint.earliestStart(gpus, now);
        }
        double made = madeAt[last];
        if (capacity.losesAfter(made)) {
            return Double.POSITIVE_INFINITY;
        }
        double bound = checkpoint.earliestStart(gpus, made) + (now - made);
        // the shifted sums round differently from a replay's: a relative slack far above that
        return bound + Math.abs(bound) * 1e-9;
    }

    /** The last non-empty level a newcomer of {@code priority} would wait behind (-1: none), the plan refreshed to {@code now}. */
    private int lastLevelAhead(int priority, double now) {
        refresh(now);
        return queue.lastNonEmptyBefore(queue.levelsAhead(priority));
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
        if (level < exactLevels) {
            return true;
        }
        int from = queue.lastNonEmptyBefore(Math.min(exactLevels, level));
        if (from < 0) {
            estimator.startFromNow(pool, now);
        } else {
            estimator.startFrom(checkpoints[from], now);
        }
        boolean merging = planned;
        for (int at = from + 1; at <= level; at++) {
            if (queue.isEmptyAt(at)) {
                if (at >= exactLevels) {
                    fresh[at] = false; // written before the clock moved an overdue tranche: made again from the level ahead
                }
                continue;
            }
            boolean mayMeet = merging && at > unplannedLevel;
            PlannedQueue.Level jobs = backlog.level(at);
            double[] plannedStarts = jobs.planned;
            for (int i = jobs.head; i < jobs.end; i++) {
                double held = jobs.held[i];
                double start = estimator.place(jobs.gpus[i], held);
                if (start == Double.POSITIVE_INFINITY) {
                    invalidate();
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
            madeAt[at] = now;
            bounded[at] = false;
            fresh[at] = true;
        }
        exactLevels = level + 1;
        validLevels = Math.max(validLevels, exactLevels); // levels behind made earlier still bound
        if (queue.lastNonEmptyBefore(checkpoints.length) <= level) {
            met(); // every queued job is placed: this is the whole plan
        }
        return true;
    }

    /** The plan is current and consistent at every level. */
    private void met() {
        validLevels = checkpoints.length;
        exactLevels = validLevels;
        planned = true;
        divergence = Double.NEGATIVE_INFINITY;
        unplannedLevel = -1;
        Arrays.fill(bounded, false);
    }

    /**
     * While a tranche is overdue its believed arrival moves with the clock, so a plan made at an
     * earlier instant is no longer exact; it still bounds the answers (see {@link #atMost}).
     */
    private void refresh(double now) {
        if (now != seenAt) {
            if (validLevels > 0 && capacity.overdue(now)) {
                exactLevels = 0; // the levels stay valid as bounds (see atMost)
                forgetOldPlan(); // the whole plan moved: nothing to meet
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
