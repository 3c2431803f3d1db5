package org.capsim.cluster;

import java.util.Arrays;

/**
 * Replays a pool's future to find when a job could start there, or to build the pool's
 * {@link Forecast}.
 *
 * <p>What is known: running jobs end at their known times, the build-out adds and retires GPUs at
 * its believed dates, an inference reservation changes as expected, and queued jobs start in
 * queue order, each at the first instant its GPUs are free and not before the job ahead of it
 * (strict FIFO). The state is the margin D = training capacity - busy GPUs; a job of g GPUs can
 * start when D &gt;= g (a pending retirement or reservation takes any idle GPU, so idle GPUs
 * exist only when D &gt; 0). Not thread-safe: one per replication.
 */
public final class StartEstimator {

    // a binary heap of timeline steps in primitive arrays, reused between calls
    private double[] times = new double[64];
    private long[] order = new long[64];
    private long[] deltas = new long[64];
    private int size;
    private long nextOrder;

    private long margin;
    private double cursor;
    private long extra;
    private boolean ok;
    private final CapacityPlan.StepVisitor stepVisitor = this::push;
    /** Places a queued job in the replay: at the first instant its GPUs are free. */
    private final java.util.function.Consumer<Job> place = job -> {
        if (ok) {
            if (advanceUntil(job.gpus)) {
                margin -= job.gpus;
                push(cursor + job.heldHours, job.gpus);
            } else {
                ok = false;
            }
        }
    };

    /**
     * The earliest start of a job of {@code gpus} and {@code priority} queued in {@code pool} now,
     * behind the queued jobs of the same or higher priority; +infinity when it never can.
     */
    double earliestStart(Pool pool, int gpus, int priority, double now) {
        if (!replay(pool, priority, now, true)) {
            return Double.POSITIVE_INFINITY;
        }
        return advanceUntil(gpus) ? cursor : Double.POSITIVE_INFINITY;
    }

    /** Rebuilds {@code forecast} from a replay of every queued job of {@code pool}. */
    void rebuild(Pool pool, double now, Forecast forecast) {
        if (!replay(pool, Integer.MIN_VALUE, now, false)) {
            forecast.invalidate(); // a queued job that can never start: no forecast beyond it
            return;
        }
        forecast.reset(cursor, margin);
        for (int i = 0; i < size; i++) {
            forecast.addStep(times[i], deltas[i]);
        }
    }

    /**
     * The EASY reservation of a queue head of {@code gpus} GPUs that cannot start now: the first
     * time enough GPUs are free given the running jobs and the capacity believed to come; the
     * GPUs left over then are {@link #extraAtShadow()}. +infinity when never.
     */
    double shadow(Pool pool, int gpus, double now) {
        startTimeline(pool, now);
        if (!advanceUntil(gpus)) {
            extra = 0;
            return Double.POSITIVE_INFINITY;
        }
        // every step of the shadow instant is applied by advanceUntil, so the margin is final
        extra = margin - gpus;
        return cursor;
    }

    /** GPUs free at the last {@link #shadow} time beyond what the head needs. */
    long extraAtShadow() {
        return extra;
    }

    private void startTimeline(Pool pool, double now) {
        size = 0;
        nextOrder = 0;
        margin = pool.capacity() - pool.busy();
        cursor = now;
        for (Job job : pool.running()) {
            push(job.start + job.heldHours, job.gpus);
        }
        pool.forEachFutureStep(now, stepVisitor);
    }

    private boolean replay(Pool pool, int priority, double now, boolean onlyAhead) {
        startTimeline(pool, now);
        ok = true;
        PoolQueue queue = pool.queue();
        if (onlyAhead) {
            queue.forEachAhead(priority, place);
        } else {
            queue.forEach(place);
        }
        return ok;
    }

    /** Moves the cursor to the first instant with margin &gt;= gpus, applying every step of each instant. */
    private boolean advanceUntil(long gpus) {
        while (margin < gpus) {
            if (size == 0) {
                return false;
            }
            double time = times[0];
            cursor = Math.max(cursor, time);
            while (size > 0 && times[0] == time) {
                margin += deltas[0];
                pop();
            }
        }
        return true;
    }

    private void push(double time, long delta) {
        if (size == times.length) {
            int capacity = size * 2;
            times = Arrays.copyOf(times, capacity);
            order = Arrays.copyOf(order, capacity);
            deltas = Arrays.copyOf(deltas, capacity);
        }
        long seq = nextOrder++;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(time, seq, times[parent], order[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        times[i] = time;
        order[i] = seq;
        deltas[i] = delta;
    }

    private void pop() {
        int last = --size;
        if (last == 0) {
            return;
        }
        double time = times[last];
        long seq = order[last];
        long delta = deltas[last];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < size && before(times[child + 1], order[child + 1], times[child], order[child])) {
                child++;
            }
            if (!before(times[child], order[child], time, seq)) {
                break;
            }
            move(child, i);
            i = child;
        }
        times[i] = time;
        order[i] = seq;
        deltas[i] = delta;
    }

    private static boolean before(double t1, long s1, double t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        order[to] = order[from];
        deltas[to] = deltas[from];
    }
}
