package org.capsim.cluster;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The known future of a pool once every queued job has started: from {@link #cursor()} on, the
 * margin D(t) = planned GPUs - busy GPUs changes only by known steps (running jobs ending, the
 * build-out adding or retiring GPUs). A job of g GPUs joining the tail of the queue starts at the
 * first t at or after the cursor with D(t) &gt;= g.
 *
 * <p>Run times are deterministic, so the forecast stays exact while the simulation unfolds as
 * forecast; the pool extends it in O(k log n) when a job joins the tail (k: steps until it fits)
 * and throws it away when something unforeseen happens (a job of higher priority jumping ahead,
 * a rejection), to be rebuilt by a full replay on the next question.
 */
final class Forecast {

    private double cursor;
    private long margin;
    /** Steps after the cursor: time to change of D (sum of all steps at that time). */
    private final TreeMap<Double, Long> steps = new TreeMap<>();
    private boolean valid;

    boolean valid() {
        return valid;
    }

    void invalidate() {
        valid = false;
        steps.clear();
    }

    /** Starts a new forecast at {@code cursor} with margin {@code margin}; add steps next. */
    void reset(double cursor, long margin) {
        steps.clear();
        this.cursor = cursor;
        this.margin = margin;
        this.valid = true;
    }

    void addStep(double time, long delta) {
        steps.merge(time, delta, Long::sum);
    }

    double cursor() {
        return cursor;
    }

    /** Earliest start at or after {@code now} of a tail job of {@code gpus}; +infinity if never. */
    double earliestStart(int gpus, double now) {
        long d = margin;
        double from = Math.max(cursor, now);
        Iterator<Map.Entry<Double, Long>> it = steps.entrySet().iterator();
        Map.Entry<Double, Long> next = it.hasNext() ? it.next() : null;
        while (next != null && next.getKey() <= from) {
            d += next.getValue();
            next = it.hasNext() ? it.next() : null;
        }
        if (d >= gpus) {
            return from;
        }
        while (next != null) {
            double time = next.getKey();
            d += next.getValue();
            if (d >= gpus) {
                return time;
            }
            next = it.hasNext() ? it.next() : null;
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Records that a tail job of {@code gpus} starts at {@code start} and runs {@code hours}. */
    void commit(int gpus, double hours, double start) {
        Map.Entry<Double, Long> first;
        while ((first = steps.firstEntry()) != null && first.getKey() <= start) {
            margin += first.getValue();
            steps.pollFirstEntry();
        }
        cursor = start;
        margin -= gpus;
        addStep(start + hours, gpus);
    }
}
