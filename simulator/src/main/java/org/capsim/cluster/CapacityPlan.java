package org.capsim.cluster;

import java.util.List;

/**
 * The build-out of one pool in one replication: each step's planned time and the time it really
 * happens (later when the tranche is delayed, never when it is cancelled).
 *
 * <p>Two views of it. The pool's GPUs follow the <em>actual</em> times. Policies, the ROFR
 * holder's promises and the start estimates follow what the provider <em>believes</em>: a step
 * not yet realized is expected at its planned time, or, once that time has passed without it,
 * at any moment ("now"); a cancelled step is known to be cancelled from its planned time on.
 * Without uncertain tranches the two views agree.
 */
public final class CapacityPlan {

    /**
     * One step: {@code delta} GPUs (negative: retirement) planned at {@code time} hours, really
     * happening at {@code actual} ({@code +infinity}: cancelled).
     */
    public record Step(double time, int delta, double actual) {

        /** A step that happens as planned. */
        public Step(double time, int delta) {
            this(time, delta, time);
        }
    }

    /** Visits a step of the believed future. */
    public interface StepVisitor {
        void step(double time, long delta);
    }

    private final double[] planned;
    private final double[] actual;
    private final int[] deltas;
    private final boolean[] realized;
    private final long initial;

    /** @param steps ordered by planned time; retirements after additions at equal times */
    public CapacityPlan(List<Step> steps) {
        int n = steps.size();
        planned = new double[n];
        actual = new double[n];
        deltas = new int[n];
        realized = new boolean[n];
        long level = 0;
        for (int i = 0; i < n; i++) {
            Step step = steps.get(i);
            planned[i] = step.time();
            actual[i] = step.actual();
            deltas[i] = step.delta();
            if (step.actual() <= 0) {
                realized[i] = true;
                level += step.delta();
            }
        }
        initial = level;
    }

    /** GPUs installed at the start (negative while a retirement waits for a delayed tranche). */
    public long initial() {
        return initial;
    }

    /** Marks the steps due by {@code now} as realized; returns the sum of their deltas. */
    long realizeUntil(double now) {
        long sum = 0;
        for (int i = 0; i < deltas.length; i++) {
            if (!realized[i] && actual[i] <= now) {
                realized[i] = true;
                sum += deltas[i];
            }
        }
        return sum;
    }

    /**
     * The next time after {@code now} at which a step happens or what is believed changes (the
     * planned time of a late or cancelled step); +infinity when none.
     */
    double nextChange(double now) {
        double next = Double.POSITIVE_INFINITY;
        for (int i = 0; i < deltas.length; i++) {
            if (realized[i]) {
                continue;
            }
            if (actual[i] > now && actual[i] < next) {
                next = actual[i];
            }
            if (actual[i] != planned[i] && planned[i] > now && planned[i] < next) {
                next = planned[i];
            }
        }
        return next;
    }

    /** Visits, in plan order, the steps still believed to come, each at its believed time. */
    public void forEachBelieved(double now, StepVisitor visitor) {
        for (int i = 0; i < deltas.length; i++) {
            if (believed(i, now)) {
                visitor.step(Math.max(now, planned[i]), deltas[i]);
            }
        }
    }

    /**
     * Whether a step is overdue at {@code now}: past its planned time, not yet happened and not
     * cancelled. It is believed to come "now", a time that moves with the clock, so a forecast
     * made earlier no longer holds.
     */
    boolean overdue(double now) {
        for (int i = 0; i < deltas.length; i++) {
            if (!realized[i] && planned[i] <= now && actual[i] != Double.POSITIVE_INFINITY) {
                return true;
            }
        }
        return false;
    }

    /** Whether a step that removes GPUs (a retirement) has yet to happen. */
    boolean losesGpus() {
        for (int i = 0; i < deltas.length; i++) {
            if (!realized[i] && deltas[i] < 0) {
                return true;
            }
        }
        return false;
    }

    private boolean believed(int i, double now) {
        return !realized[i] && !(actual[i] == Double.POSITIVE_INFINITY && planned[i] <= now);
    }

    /** Number of steps, realized or not. */
    public int size() {
        return deltas.length;
    }

    public double plannedTime(int step) {
        return planned[step];
    }

    /** When step {@code step} really happens; +infinity when it is cancelled. */
    public double actualTime(int step) {
        return actual[step];
    }

    public int delta(int step) {
        return deltas[step];
    }
}
