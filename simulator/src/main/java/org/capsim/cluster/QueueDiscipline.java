package org.capsim.cluster;

import org.capsim.engine.Scheduler;
import org.capsim.model.Scheduling;

/**
 * Which of a pool's queued jobs start now. Gang scheduling in priority, then arrival order: the
 * head of the queue starts when all its GPUs are free; whether a job behind a waiting head may
 * start first is what the disciplines differ in.
 */
sealed interface QueueDiscipline permits Fifo, EasyBackfill {

    /** The discipline {@code scheduling} names, starting {@code pool}'s jobs. */
    static QueueDiscipline of(Scheduling scheduling, Pool pool, PoolQueue queue, Capacity capacity,
            StartEstimator estimator, Scheduler clock) {
        return scheduling == Scheduling.EASY_BACKFILL
                ? new EasyBackfill(pool, queue, capacity, estimator, clock)
                : new Fifo(pool, queue, capacity);
    }

    /**
     * Starts the queued jobs allowed to start now (through {@link Pool#start}); returns whether
     * one started out of queue order, which makes the pool's forecast wrong.
     */
    boolean dispatch();
}
