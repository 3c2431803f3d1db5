package org.capsim.cluster;

import java.util.Arrays;

/**
 * The known future of a pool once some queued jobs (a checkpoint of {@link EarliestStarts}: those
 * of one priority level and the levels ahead) have started: from {@link #cursor()} on, the margin
 * D(t) = planned GPUs - busy GPUs changes only by known steps (running jobs ending, the build-out
 * adding or retiring GPUs). A job of g GPUs joining behind them starts at the first t at or after
 * the cursor with D(t) &gt;= g.
 *
 * <p>Run times are deterministic, so the forecast stays exact while the simulation unfolds as
 * forecast; it is extended in O(k + n) when a job joins behind them (k: steps until it fits, n:
 * steps ahead).
 *
 * <p>The steps are kept sorted in two primitive arrays from {@code head} to {@code end}, one
 * entry per instant: a few hundred at most (the jobs running at the cursor), so an insertion's
 * array copy is cheaper than a tree's boxing and pointer chasing, and reading them in order is a
 * scan.
 */
final class Forecast {

    private double cursor;
    private long margin;
    private double[] times = new double[64];
    private long[] deltas = new long[64];
    private int head;
    private int end;
    /** Starts a new forecast at {@code cursor} with margin {@code margin}; add steps next, in time order. */
    void reset(double cursor, long margin) {
        head = 0;
        end = 0;
        this.cursor = cursor;
        this.margin = margin;
    }

    /** Adds a step at or after the last one added since {@link #reset}. */
    void append(double time, long delta) {
        if (end > head && times[end - 1] == time) {
            deltas[end - 1] += delta;
            return;
        }
        if (end == times.length) {
            makeRoom();
        }
        times[end] = time;
        deltas[end++] = delta;
    }

    double cursor() {
        return cursor;
    }

    long margin() {
        return margin;
    }

    int stepCount() {
        return end - head;
    }

    /** Copies the steps, in time order, to the front of {@code toTimes} and {@code toDeltas}; returns how many. */
    int copySteps(double[] toTimes, long[] toDeltas) {
        int n = end - head;
        System.arraycopy(times, head, toTimes, 0, n);
        System.arraycopy(deltas, head, toDeltas, 0, n);
        return n;
    }

    /** Becomes a copy of {@code other}. */
    void copyFrom(Forecast other) {
        reset(other.cursor, other.margin);
        int n = other.end - other.head;
        if (times.length < n) {
            times = new double[other.times.length];
            deltas = new long[other.times.length];
        }
        end = other.copySteps(times, deltas);
    }

    /** Earliest start at or after {@code now} of a tail job of {@code gpus}; +infinity if never. */
    double earliestStart(int gpus, double now) {
        long d = margin;
        double from = Math.max(cursor, now);
        int i = head;
        while (i < end && times[i] <= from) {
            d += deltas[i++];
        }
        if (d >= gpus) {
            return from;
        }
        for (; i < end; i++) {
            d += deltas[i];
            if (d >= gpus) {
                return times[i];
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Records that a tail job of {@code gpus} starts at {@code start} and runs {@code hours}. */
    void commit(int gpus, double hours, double start) {
        while (head < end && times[head] <= start) {
            margin += deltas[head++];
        }
        cursor = start;
        margin -= gpus;
        insert(start + hours, gpus);
    }

    private void insert(double time, long delta) {
        int at = Arrays.binarySearch(times, head, end, time);
        if (at >= 0) {
            deltas[at] += delta;
            return;
        }
        at = -at - 1;
        if (end == times.length) {
            int shift = head;
            makeRoom();
            at -= shift;
        }
        System.arraycopy(times, at, times, at + 1, end - at);
        System.arraycopy(deltas, at, deltas, at + 1, end - at);
        times[at] = time;
        deltas[at] = delta;
        end++;
    }

    /** Moves the live steps to the front, growing the arrays when they are more than half full. */
    private void makeRoom() {
        int live = end - head;
        if (live * 2 > times.length) {
            double[] t = new double[times.length * 2];
            long[] d = new long[times.length * 2];
            System.arraycopy(times, head, t, 0, live);
            System.arraycopy(deltas, head, d, 0, live);
            times = t;
            deltas = d;
        } else {
            System.arraycopy(times, head, times, 0, live);
            System.arraycopy(deltas, head, deltas, 0, live);
        }
        head = 0;
        end = live;
    }
}
