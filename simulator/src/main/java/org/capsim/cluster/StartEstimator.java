package org.capsim.cluster;

import java.util.Arrays;

/**
 * Earliest time a new job could start in a pool if it were queued there now.
 *
 * <p>Replays the pool's future with what is known: running jobs end at their known times, the
 * build-out adds and retires GPUs at its dates, and the queued jobs the newcomer would wait behind
 * (same or higher priority) start in order, each when its GPUs are free and not before the one
 * ahead of it (strict FIFO). Run times are deterministic, so with no later higher-priority
 * arrivals the estimate is the start the job will get. Not thread-safe: one per replication.
 */
public final class StartEstimator {

    private static final byte RELEASE = 0;
    private static final byte CHANGE = 1;

    // a binary heap of timeline events in primitive arrays, reused between calls
    private double[] times = new double[64];
    private long[] order = new long[64];
    private byte[] kinds = new byte[64];
    private int[] amounts = new int[64];
    private int size;
    private long nextOrder;

    // replayed pool state
    private long installed;
    private long busy;
    private long pending;
    private double cursor;

    /**
     * @param pool     where the job would queue
     * @param gpus     its GPU count there
     * @param priority its class priority
     * @param now      the current time
     * @return the earliest start in hours, or +infinity when it can never start there
     */
    public double earliestStart(Pool pool, int gpus, int priority, double now) {
        if (gpus > pool.maxFutureInstalled()) {
            return Double.POSITIVE_INFINITY;
        }
        if (pool.queuedJobs() == 0 && gpus <= pool.free()) {
            return now; // the common fast path: it would start at once
        }
        size = 0;
        nextOrder = 0;
        installed = pool.installed();
        busy = pool.busy();
        pending = pool.pendingRetirement();
        cursor = now;
        for (Job job : pool.running()) {
            push(job.start + job.hours, RELEASE, job.gpus);
        }
        CapacityPlan plan = pool.plan();
        for (int step = pool.nextStep(); step < plan.steps(); step++) {
            push(Math.max(now, plan.time(step)), CHANGE, plan.delta(step));
        }
        boolean[] blocked = {false};
        pool.queue().forEachAhead(priority, job -> {
            if (!blocked[0] && !place(job.gpus, job.hours)) {
                blocked[0] = true;
            }
        });
        if (blocked[0]) {
            return Double.POSITIVE_INFINITY;
        }
        return advanceUntilFree(gpus) ? cursor : Double.POSITIVE_INFINITY;
    }

    /** Starts a job of {@code gpus} for {@code hours} at the earliest time its GPUs are free. */
    private boolean place(int gpus, double hours) {
        if (!advanceUntilFree(gpus)) {
            return false;
        }
        busy += gpus;
        push(cursor + hours, RELEASE, gpus);
        return true;
    }

    private boolean advanceUntilFree(int gpus) {
        while (installed - busy < gpus) {
            if (size == 0) {
                return false;
            }
            // apply every event of the next instant before looking again, as the pool does
            double time = times[0];
            cursor = Math.max(cursor, time);
            while (size > 0 && times[0] == time) {
                apply(kinds[0], amounts[0]);
                pop();
            }
        }
        return true;
    }

    private void apply(byte kind, int amount) {
        if (kind == RELEASE) {
            busy -= amount;
            long retire = Math.min(amount, pending);
            installed -= retire;
            pending -= retire;
        } else if (amount >= 0) {
            installed += amount;
        } else {
            long take = Math.min(-amount, installed - busy);
            installed -= take;
            pending += -amount - take;
        }
    }

    private void push(double time, byte kind, int amount) {
        if (size == times.length) {
            int capacity = size * 2;
            times = Arrays.copyOf(times, capacity);
            order = Arrays.copyOf(order, capacity);
            kinds = Arrays.copyOf(kinds, capacity);
            amounts = Arrays.copyOf(amounts, capacity);
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
        kinds[i] = kind;
        amounts[i] = amount;
    }

    private void pop() {
        int last = --size;
        if (last == 0) {
            return;
        }
        double time = times[last];
        long seq = order[last];
        byte kind = kinds[last];
        int amount = amounts[last];
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
        kinds[i] = kind;
        amounts[i] = amount;
    }

    private static boolean before(double t1, long s1, double t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        order[to] = order[from];
        kinds[to] = kinds[from];
        amounts[to] = amounts[from];
    }
}
