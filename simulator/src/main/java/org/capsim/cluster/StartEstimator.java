package org.capsim.cluster;

import java.util.Arrays;

/**
 * Replays a pool's future to find when a job could start there (the full replay: the test oracle
 * and the answer for a job that would wait behind nobody), or, step by step, to make the
 * checkpoints of {@link EarliestStarts}.
 *
 * <p>What is known: running jobs end at their known times, the build-out adds and retires GPUs at
 * its believed dates, an inference reservation changes as expected, and queued jobs start in
 * queue order, each at the first instant its GPUs are free and not before the job ahead of it
 * (strict FIFO). The state is the margin D = training capacity - busy GPUs; a job of g GPUs can
 * start when D &gt;= g (a pending retirement or reservation takes any idle GPU, so idle GPUs
 * exist only when D &gt; 0). Not thread-safe: one per replication.
 */
public final class StartEstimator {

    // A 4-ary min-heap (shallower than a binary one; its four children share a cache line) of timeline steps (time, change of the margin) in primitive arrays, reused
    // between calls. Steps at the same instant need no order among themselves: advanceUntil
    // applies all of them before it tests the margin. This replay is most of a congested
    // scenario's run time (every queued job is placed again when a job of higher priority jumps
    // ahead), so it neither allocates nor goes through lambdas.
    private double[] times = new double[64];
    private long[] deltas = new long[64];
    private int size;
    // where saveTo keeps the heap while it drains it in time order
    private double[] spareTimes = new double[64];
    private long[] spareDeltas = new long[64];

    private long margin;
    private double cursor;
    private long extra;
    private final CapacityPlan.StepVisitor stepVisitor = this::push;

    /**
     * The earliest start of a job of {@code gpus} and {@code priority} queued in {@code pool} now,
     * behind the queued jobs of the same or higher priority; +infinity when it never can.
     */
    double earliestStart(Pool pool, int gpus, int priority, double now) {
        if (!replay(pool, priority, now)) {
            return Double.POSITIVE_INFINITY;
        }
        return advanceUntil(gpus) ? cursor : Double.POSITIVE_INFINITY;
    }

    /** Starts a replay from a checkpoint: the future it describes, seen at {@code now} or later. */
    void startFrom(Forecast checkpoint, double now) {
        int steps = checkpoint.stepCount();
        if (steps > times.length) {
            times = new double[Math.max(steps, 2 * times.length)];
            deltas = new long[times.length];
        }
        size = checkpoint.copySteps(times, deltas); // sorted, so already a heap
        margin = checkpoint.margin();
        cursor = Math.max(checkpoint.cursor(), now);
    }

    /**
     * Places a job of {@code gpus} for {@code hours} at the first instant (not before the last one
     * placed) its GPUs are free; returns that start, or +infinity when it never fits.
     */
    double place(int gpus, double hours) {
        if (!advanceUntil(gpus)) {
            return Double.POSITIVE_INFINITY;
        }
        margin -= gpus;
        push(cursor + hours, gpus);
        return cursor;
    }

    /** Copies the replay's present state into {@code checkpoint}, leaving the replay as it is. */
    void saveTo(Forecast checkpoint) {
        checkpoint.reset(cursor, margin);
        if (spareTimes.length < size) {
            spareTimes = new double[times.length];
            spareDeltas = new long[times.length];
        }
        System.arraycopy(times, 0, spareTimes, 0, size);
        System.arraycopy(deltas, 0, spareDeltas, 0, size);
        int saved = size;
        while (size > 0) { // in time order
            checkpoint.append(times[0], deltas[0]);
            pop();
        }
        System.arraycopy(spareTimes, 0, times, 0, saved);
        System.arraycopy(spareDeltas, 0, deltas, 0, saved);
        size = saved;
    }

    /**
     * The EASY reservation of a queue head of {@code gpus} GPUs that cannot start now: the first
     * time enough GPUs are free given the running jobs and the capacity believed to come; the
     * GPUs left over then are {@link #extraAtShadow()}. +infinity when never.
     */
    double shadow(Pool pool, int gpus, double now) {
        startFromNow(pool, now);
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

    /** Starts a replay from the pool's present: running jobs and believed capacity, nothing queued. */
    void startFromNow(Pool pool, double now) {
        size = 0;
        Capacity capacity = pool.capacity();
        margin = capacity.margin();
        cursor = now;
        for (Job job : pool.running()) {
            push(job.start + job.heldHours, job.gpus);
        }
        capacity.forEachFutureStep(now, stepVisitor);
    }

    /**
     * Places the queued jobs ahead of a newcomer of {@code priority}, each at the first instant
     * its GPUs are free; false when one never fits.
     */
    private boolean replay(Pool pool, int priority, double now) {
        startFromNow(pool, now);
        PoolQueue queue = pool.queue();
        int levels = queue.levelsAhead(priority);
        for (int level = 0; level < levels; level++) {
            for (Job job : queue.jobsAt(level)) {
                if (place(job.gpus, job.heldHours) == Double.POSITIVE_INFINITY) {
                    return false;
                }
            }
        }
        return true;
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
            deltas = Arrays.copyOf(deltas, capacity);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            double above = times[parent];
            if (time >= above) {
                break;
            }
            times[i] = above;
            deltas[i] = deltas[parent];
            i = parent;
        }
        times[i] = time;
        deltas[i] = delta;
    }

    private void pop() {
        int last = --size;
        if (last == 0) {
            return;
        }
        double time = times[last];
        long delta = deltas[last];
        int i = 0;
        while (true) {
            int first = 4 * i + 1;
            if (first >= last) {
                break;
            }
            int child = first;
            double smallest = times[first];
            int end = Math.min(first + 4, last);
            for (int c = first + 1; c < end; c++) {
                double t = times[c];
                if (t < smallest) {
                    smallest = t;
                    child = c;
                }
            }
            if (smallest >= time) {
                break;
            }
            times[i] = smallest;
            deltas[i] = deltas[child];
            i = child;
        }
        times[i] = time;
        deltas[i] = delta;
    }
}
