package org.capsim.cluster;

import java.util.function.Consumer;
import java.util.function.Predicate;

import org.capsim.engine.Scheduler;

/**
 * EASY backfill: FIFO, except that while the head waits, the head keeps the earliest start it
 * could get (its shadow time) and a later job starts now if it fits in the free GPUs and either
 * ends by the shadow time or uses only GPUs the head will not need then (the extra GPUs). Known
 * held times make the promise exact.
 */
final class EasyBackfill implements QueueDiscipline {

    private final Pool pool;
    private final PoolQueue queue;
    private final Capacity capacity;
    private final StartEstimator estimator;
    private final Scheduler clock;
    // made once, so that a backfill pass allocates nothing
    private final Predicate<Job> startsNow = this::startsNow;
    private final Consumer<Job> start;
    private final BackfillRule rule = new BackfillRule();

    EasyBackfill(Pool pool, PoolQueue queue, Capacity capacity, StartEstimator estimator, Scheduler clock) {
        this.pool = pool;
        this.queue = queue;
        this.capacity = capacity;
        this.estimator = estimator;
        this.clock = clock;
        this.start = pool::start;
    }

    @Override
    public boolean dispatch() {
        Job head = Fifo.startHeads(pool, queue, capacity);
        return head != null && BackfillRule.worthTrying(queue.size() > 1, capacity.margin()) && backfillBehind(head);
    }

    /** Starts the jobs behind a waiting {@code head} that do not delay it; returns whether any did. */
    private boolean backfillBehind(Job head) {
        double now = clock.now();
        long free = capacity.margin();
        if (!queue.anyBehindHeadFits(free)) {
            return false;
        }
        double shadow = estimator.shadow(pool, head.gpus, now);
        if (Double.isNaN(head.reservedStart)) {
            head.reservedStart = shadow;
        }
        rule.begin(now, free, shadow, estimator.extraAtShadow());
        queue.startBehindHead(startsNow, start);
        return rule.started() > 0;
    }

    private boolean startsNow(Job job) {
        return rule.admits(job.gpus, job.heldHours);
    }
}
