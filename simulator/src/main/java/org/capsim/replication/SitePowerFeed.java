package org.capsim.replication;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.capsim.cluster.Pool;
import org.capsim.engine.ModelEvent;
import org.capsim.engine.Scheduler;
import org.capsim.model.Calendar;
import org.capsim.model.PowerStep;
import org.capsim.model.Site;
import org.capsim.model.Tranche;

/**
 * Feeds a power-capped site's pools (SPEC 6.2): the site's energized MW go to its installed
 * GPUs in build-out order, the earliest tranche first, each GPU taking its type's kW; the rest
 * are stranded. Recomputed when a power step comes and when a pool's GPUs change, and handed to
 * each pool with the steps expected from the planned power and build-out, so that start
 * estimates count them.
 */
final class SitePowerFeed {

    private final Scheduler clock;
    private final Pool[] pools;
    private final double[] kw;
    // the site's tranches in build-out order: pool (index into pools), GPUs, retirement, planned and actual time
    private final int[] trancheFeeds;
    private final long[] trancheGpus;
    private final boolean[] retire;
    private final double[] tranchePlanned;
    private final double[] trancheActual;
    // the power steps in date order: level, planned and actual time
    private final double[] megawatts;
    private final double[] powerPlanned;
    private final double[] powerActual;

    /**
     * @param sitePools   the site's pools, one per GPU type, in the order of {@link Site#gpuTypes()}
     * @param actualTranches when each tranche of the site really happens (+infinity: cancelled)
     * @param actualPower when each power step really comes (+infinity: cancelled)
     */
    SitePowerFeed(Site site, List<Pool> sitePools, double[] actualTranches, double[] actualPower, Calendar calendar,
            Scheduler clock) {
        this.clock = clock;
        this.pools = sitePools.toArray(Pool[]::new);
        this.kw = sitePools.stream().mapToDouble(p -> p.type().kwPerGpu()).toArray();
        List<String> types = site.gpuTypes();
        List<Tranche> tranches = site.buildOut();
        int n = tranches.size();
        trancheFeeds = new int[n];
        trancheGpus = new long[n];
        retire = new boolean[n];
        tranchePlanned = new double[n];
        trancheActual = actualTranches.clone();
        for (int i = 0; i < n; i++) {
            Tranche t = tranches.get(i);
            trancheFeeds[i] = types.indexOf(t.gpuType());
            trancheGpus[i] = t.gpus();
            retire[i] = t.retire();
            tranchePlanned[i] = calendar.hoursAt(t.date());
        }
        List<PowerStep> steps = site.power().steps();
        megawatts = steps.stream().mapToDouble(PowerStep::megawatts).toArray();
        powerPlanned = steps.stream().mapToDouble(s -> calendar.hoursAt(s.date())).toArray();
        powerActual = actualPower.clone();
    }

    /** Schedules the power steps that come within the run, and feeds the pools now. */
    void open(double end) {
        TreeSet<Double> times = new TreeSet<>();
        for (double t : powerActual) {
            if (t > clock.now() && t <= end) {
                times.add(t);
            }
        }
        for (double t : times) {
            clock.at(t, new ModelEvent() {
                @Override
                protected void fire() {
                    feed();
                }
            });
        }
        feed();
    }

    /** The site's energized MW now. */
    double energizedMw() {
        return level(powerActual, clock.now());
    }

    /** Recomputes the powered GPUs of every pool and the changes expected from the plans. */
    void feed() {
        double now = clock.now();
        long[] stranded = stranded(trancheActual, powerActual, now);
        // what is believed of the future: each step still to come at its planned time (an overdue one is not counted)
        double[] trancheBelieved = believed(trancheActual, tranchePlanned, now);
        double[] powerBelieved = believed(powerActual, powerPlanned, now);
        TreeSet<Double> times = new TreeSet<>();
        for (double t : trancheBelieved) {
            if (t > now && t < Double.POSITIVE_INFINITY) {
                times.add(t);
            }
        }
        for (double t : powerBelieved) {
            if (t > now && t < Double.POSITIVE_INFINITY) {
                times.add(t);
            }
        }
        double[][] stepTimes = new double[pools.length][times.size()];
        long[][] stepDeltas = new long[pools.length][times.size()];
        int[] counts = new int[pools.length];
        long[] before = stranded.clone();
        for (double t : times) {
            long[] after = stranded(trancheBelieved, powerBelieved, t);
            for (int p = 0; p < pools.length; p++) {
                if (after[p] != before[p]) {
                    stepTimes[p][counts[p]] = t;
                    stepDeltas[p][counts[p]++] = before[p] - after[p]; // more stranded: less training capacity
                }
            }
            before = after;
        }
        for (int p = 0; p < pools.length; p++) {
            pools[p].power(stranded[p], Arrays.copyOf(stepTimes[p], counts[p]), Arrays.copyOf(stepDeltas[p], counts[p]));
        }
    }

    private static double[] believed(double[] actual, double[] planned, double now) {
        double[] times = new double[actual.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = actual[i] <= now ? actual[i] : planned[i] > now ? planned[i] : Double.POSITIVE_INFINITY;
        }
        return times;
    }

    /** The energized MW at {@code t}: the level of the last step (in date order) come by then; 0 before any. */
    private double level(double[] powerTimes, double t) {
        double mw = 0;
        for (int k = 0; k < powerTimes.length; k++) {
            if (powerTimes[k] <= t) {
                mw = megawatts[k];
            }
        }
        return mw;
    }

    /** Per pool, its installed GPUs at {@code t} that the power at {@code t} cannot feed, given when each step happens. */
    private long[] stranded(double[] trancheTimes, double[] powerTimes, double t) {
        int n = trancheGpus.length;
        long[] segment = new long[n];
        for (int i = 0; i < n; i++) {
            if (trancheTimes[i] > t) {
                continue;
            }
            if (!retire[i]) {
                segment[i] = trancheGpus[i];
                continue;
            }
            long left = trancheGpus[i]; // a retirement takes the pool's oldest GPUs
            for (int j = 0; j < i && left > 0; j++) {
                if (!retire[j] && trancheFeeds[j] == trancheFeeds[i]) {
                    long taken = Math.min(segment[j], left);
                    segment[j] -= taken;
                    left -= taken;
                }
            }
        }
        double kwLeft = level(powerTimes, t) * 1000.0;
        long[] stranded = new long[pools.length];
        for (int i = 0; i < n; i++) {
            if (segment[i] == 0) {
                continue;
            }
            int p = trancheFeeds[i];
            long fed = Math.min(segment[i], (long) Math.floor(kwLeft / kw[p] + 1e-9));
            kwLeft -= fed * kw[p];
            stranded[p] += segment[i] - fed;
        }
        return stranded;
    }
}
