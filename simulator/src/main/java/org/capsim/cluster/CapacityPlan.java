package org.capsim.cluster;

import java.util.List;

/**
 * The planned GPU count of one pool over time: its tranches as steps on the simulation clock.
 * Steps dated at or before the start are folded into the initial count.
 */
public final class CapacityPlan {

    private final int initial;
    private final double[] times;
    private final int[] deltas;
    /** Planned installed count after step i. */
    private final long[] levelAfter;
    /** Largest planned count from step i on. */
    private final long[] maxFrom;

    /** One step: {@code delta} GPUs (negative: retirement) at {@code time} hours. */
    public record Step(double time, int delta) {
    }

    /** @param steps ordered by time; retirements after additions at equal times */
    public CapacityPlan(List<Step> steps) {
        int start = 0;
        long level = 0;
        while (start < steps.size() && steps.get(start).time() <= 0) {
            level += steps.get(start).delta();
            start++;
        }
        this.initial = (int) Math.max(0, level);
        int n = steps.size() - start;
        times = new double[n];
        deltas = new int[n];
        levelAfter = new long[n];
        for (int i = 0; i < n; i++) {
            Step step = steps.get(start + i);
            times[i] = step.time();
            deltas[i] = step.delta();
            level += step.delta();
            levelAfter[i] = level;
        }
        maxFrom = new long[n + 1];
        maxFrom[n] = Long.MIN_VALUE;
        for (int i = n - 1; i >= 0; i--) {
            maxFrom[i] = Math.max(levelAfter[i], maxFrom[i + 1]);
        }
    }

    /** GPUs installed at the start. */
    public int initial() {
        return initial;
    }

    /** Number of steps after the start. */
    public int steps() {
        return times.length;
    }

    public double time(int step) {
        return times[step];
    }

    public int delta(int step) {
        return deltas[step];
    }

    /** Planned count before step {@code next} is applied. */
    public long levelBefore(int next) {
        return next == 0 ? initial : levelAfter[next - 1];
    }

    /** Largest planned count once steps before {@code next} have been applied. */
    public long maxFrom(int next) {
        return Math.max(levelBefore(next), maxFrom[next]);
    }
}
