package org.capsim.cluster;

import java.util.Arrays;

/**
 * The GPU counts of one pool: what its {@link CapacityPlan} gives, what running jobs hold, and
 * what the inference reservation takes.
 *
 * <p>A retirement takes idle GPUs at once and the rest as running jobs end, and an inference
 * reservation takes GPUs from training the same way, so no job is ever cut short. Hence, with
 * training capacity C = planned - reserved target: free = max(0, C - busy).
 */
final class Capacity {

    private final CapacityPlan plan;
    private long planned;
    private int busy;
    private long reserveTarget;
    /** Expected future changes of the reservation, as steps of training capacity (time, delta). */
    private double[] reserveTimes = new double[0];
    private long[] reserveDeltas = new long[0];
    /** Installed GPUs the site's power cannot feed (SPEC 6.2), and their expected future steps of training capacity. */
    private long stranded;
    private double[] strandTimes = new double[0];
    private long[] strandDeltas = new long[0];
    private long maxFuture;

    Capacity(CapacityPlan plan) {
        this.plan = plan;
    }

    /** Installs the GPUs present at the start. */
    void open(double now) {
        planned = plan.initial();
        maxFuture = maxFutureTraining(now);
    }

    /** Applies the build-out steps that happened by {@code now}. */
    void realizeUntil(double now) {
        planned += plan.realizeUntil(now);
    }

    /** The next time the build-out changes or what is believed of it changes; +infinity when never. */
    double nextChange(double now) {
        return plan.nextChange(now);
    }

    /** Whether a build-out step is overdue, so that its believed arrival moves with the clock. */
    boolean overdue(double now) {
        return plan.overdue(now);
    }

    /** Sets the inference reservation and its expected future steps; returns whether either changed. */
    boolean reserve(long target, double[] futureTimes, long[] futureDeltas) {
        boolean changed = target != reserveTarget || !Arrays.equals(futureTimes, reserveTimes)
                || !Arrays.equals(futureDeltas, reserveDeltas);
        reserveTarget = target;
        reserveTimes = futureTimes;
        reserveDeltas = futureDeltas;
        return changed;
    }

    /** Sets the GPUs left without power and their expected future steps; returns whether either changed. */
    boolean strand(long gpus, double[] futureTimes, long[] futureDeltas) {
        boolean changed = gpus != stranded || !Arrays.equals(futureTimes, strandTimes)
                || !Arrays.equals(futureDeltas, strandDeltas);
        stranded = gpus;
        strandTimes = futureTimes;
        strandDeltas = futureDeltas;
        return changed;
    }

    /** Installed GPUs without power now. */
    long stranded() {
        return stranded;
    }

    /** Recomputes {@link #maxFuture()}; returns whether it shrank, so queued jobs may no longer fit. */
    boolean refreshMaxFuture(double now) {
        long before = maxFuture;
        maxFuture = maxFutureTraining(now);
        return maxFuture < before;
    }

    /** GPUs a starting job takes. */
    void take(int gpus) {
        busy += gpus;
    }

    /** GPUs an ending job gives back. */
    void release(int gpus) {
        busy -= gpus;
    }

    /** GPUs present: the plan's count, or more while a retirement waits for busy GPUs. */
    int installed() {
        return (int) Math.max(0, Math.max(planned, busy));
    }

    /** GPUs held back for inference now: the target, or fewer while training jobs still hold them. */
    int reserved() {
        return (int) Math.max(0, Math.min(reserveTarget, planned - stranded - busy));
    }

    /** GPUs inference should hold now. */
    long reserveTarget() {
        return reserveTarget;
    }

    /** GPUs the build-out plan gives now (installed minus those waiting to retire). */
    long planned() {
        return planned;
    }

    int busy() {
        return busy;
    }

    /** Training capacity less busy GPUs: the GPUs a job may take now when positive. */
    long margin() {
        return planned - stranded - reserveTarget - busy;
    }

    /** GPUs free to start jobs now. */
    int free() {
        return (int) Math.max(0, margin());
    }

    /**
     * The most GPUs training is believed to get from now on: the build-out less the inference
     * reservation, as both are expected now.
     */
    long maxFuture() {
        return maxFuture;
    }

    /** The largest training capacity over the believed future, each instant's steps applied together. */
    private long maxFutureTraining(double now) {
        int size = plan.size() + reserveTimes.length + strandTimes.length;
        double[] times = new double[size];
        long[] deltas = new long[size];
        int[] n = {0};
        forEachFutureStep(now, (time, delta) -> {
            times[n[0]] = time;
            deltas[n[0]++] = delta;
        });
        Integer[] order = new Integer[n[0]];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(times[a], times[b]));
        long level = planned - stranded - reserveTarget;
        long max = level;
        for (int k = 0; k < order.length; k++) {
            level += deltas[order[k]];
            if (k + 1 == order.length || times[order[k + 1]] != times[order[k]]) {
                max = Math.max(max, level);
            }
        }
        return Math.max(0, max);
    }

    /** Visits, in time order per source, the training capacity steps believed to come: build-out and reservation. */
    void forEachFutureStep(double now, CapacityPlan.StepVisitor visitor) {
        plan.forEachBelieved(now, visitor);
        forEachReserveStep(now, visitor);
    }

    /** Visits, in time order, the expected steps of the reservation after {@code now}, as steps of training capacity. */
    void forEachReserveStep(double now, CapacityPlan.StepVisitor visitor) {
        for (int i = 0; i < reserveTimes.length; i++) {
            if (reserveTimes[i] > now) {
                visitor.step(reserveTimes[i], reserveDeltas[i]);
            }
        }
        for (int i = 0; i < strandTimes.length; i++) { // power: like a reservation, capacity held from training
            if (strandTimes[i] > now) {
                visitor.step(strandTimes[i], strandDeltas[i]);
            }
        }
    }

    /**
     * Whether training capacity may still shrink after {@code time}: a retirement to come, or a
     * reservation or power step that takes GPUs from training.
     */
    boolean losesAfter(double time) {
        return plan.losesGpus() || lossAfter(reserveTimes, reserveDeltas, time) || lossAfter(strandTimes, strandDeltas, time);
    }

    private static boolean lossAfter(double[] times, long[] deltas, double time) {
        for (int i = 0; i < times.length; i++) {
            if (deltas[i] < 0 && times[i] > time) {
                return true;
            }
        }
        return false;
    }

    /** Visits the build-out steps believed to come: (time, GPUs). */
    void forEachBelievedTranche(double now, CapacityPlan.StepVisitor visitor) {
        plan.forEachBelieved(now, visitor);
    }
}
