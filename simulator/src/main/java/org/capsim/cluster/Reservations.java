package org.capsim.cluster;

import java.util.List;
import java.util.TreeSet;

import org.capsim.demand.InferenceClass;
import org.capsim.engine.ModelEvent;
import org.capsim.engine.Scheduler;

/**
 * The inference reservation of one provider: the sum of its inference classes' step curves,
 * split among the provider's pools.
 *
 * <p>The split rule: the provider's reservation R is shared in proportion to the pools' planned
 * GPU counts (largest remainder, so the shares add up to R exactly); a pool never holds more
 * than it has, so when R exceeds the provider's capacity the excess is simply not held. The split
 * is redone whenever R steps or one of the pools gains or loses GPUs. Each pool is also told the
 * reservation's expected future changes, at today's shares, so start estimates count them.
 */
public final class Reservations {

    private final List<Pool> pools;
    private final Scheduler clock;
    private final double[] times;
    private final long[] levels;
    private final ModelEvent step = ModelEvent.of(this::stepped);
    private int next;

    /** @param pools the provider's pools; @param classes its inference classes */
    public Reservations(List<Pool> pools, List<InferenceClass> classes, Scheduler clock) {
        this.pools = List.copyOf(pools);
        this.clock = clock;
        TreeSet<Double> at = new TreeSet<>();
        classes.forEach(c -> c.steps().forEach(s -> at.add(Math.max(0.0, s.hours()))));
        times = at.stream().mapToDouble(Double::doubleValue).toArray();
        levels = new long[times.length];
        for (int i = 0; i < times.length; i++) {
            for (InferenceClass c : classes) {
                levels[i] += levelOf(c, times[i]);
            }
        }
    }

    private static long levelOf(InferenceClass c, double time) {
        long level = 0;
        for (InferenceClass.Step s : c.steps()) {
            if (Math.max(0.0, s.hours()) <= time) {
                level = s.gpus();
            }
        }
        return level;
    }

    /** Applies the reservation due at the start and schedules its steps. Call once, after the pools opened. */
    public void open() {
        stepped();
    }

    private void stepped() {
        double now = clock.now();
        while (next < times.length && times[next] <= now) {
            next++;
        }
        split();
        if (next < times.length) {
            clock.at(times[next], step);
        }
    }

    /** The provider's reservation now. */
    public long level() {
        return next == 0 ? 0 : levels[next - 1];
    }

    /** Shares the reservation among the pools by their planned GPUs now. */
    public void split() {
        int n = pools.size();
        long[] weights = new long[n];
        for (int p = 0; p < n; p++) {
            weights[p] = Math.max(0, pools.get(p).planned());
        }
        long[] now = shares(level(), weights);
        int future = times.length - next;
        long[][] later = new long[future][];
        for (int k = 0; k < future; k++) {
            later[k] = shares(levels[next + k], weights);
        }
        for (int p = 0; p < n; p++) {
            double[] stepTimes = new double[future];
            long[] stepDeltas = new long[future];
            long previous = now[p];
            for (int k = 0; k < future; k++) {
                stepTimes[k] = times[next + k];
                stepDeltas[k] = previous - later[k][p]; // more reserved: less for training
                previous = later[k][p];
            }
            pools.get(p).reserve(now[p], stepTimes, stepDeltas);
        }
    }

    /**
     * {@code total} split in proportion to {@code weights} by largest remainder (ties to the
     * first), each share capped at its weight.
     */
    static long[] shares(long total, long[] weights) {
        long sum = 0;
        for (long w : weights) {
            sum += w;
        }
        long[] shares = new long[weights.length];
        if (sum == 0 || total <= 0) {
            return shares;
        }
        if (total >= sum) {
            return weights.clone();
        }
        long given = 0;
        long[] remainders = new long[weights.length];
        for (int i = 0; i < weights.length; i++) {
            // total < sum <= 1e9 pools x 1e9 GPUs: use exact 128-bit arithmetic for total x weight
            long high = Math.multiplyHigh(total, weights[i]);
            long low = total * weights[i];
            if (high == 0 && low >= 0) {
                shares[i] = low / sum;
                remainders[i] = low % sum;
            } else {
                java.math.BigInteger product = java.math.BigInteger.valueOf(total).multiply(java.math.BigInteger.valueOf(weights[i]));
                java.math.BigInteger[] qr = product.divideAndRemainder(java.math.BigInteger.valueOf(sum));
                shares[i] = qr[0].longValueExact();
                remainders[i] = qr[1].longValueExact();
            }
            given += shares[i];
        }
        for (long left = total - given; left > 0; left--) {
            int best = -1;
            for (int i = 0; i < weights.length; i++) {
                if (shares[i] < weights[i] && (best < 0 || remainders[i] > remainders[best])) {
                    best = i;
                }
            }
            shares[best]++;
            remainders[best] = -1;
        }
        return shares;
    }
}
