package org.capsim.replication;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.capsim.cluster.Pool;
import org.capsim.model.StepCurve;

/**
 * The power a group of pools draws (SPEC 6.2), integrated over the measured period: a busy GPU
 * or one held for inference draws {@code kw-per-gpu x busy-fraction}, an idle powered one
 * {@code kw-per-gpu x idle-fraction}, a stranded one nothing. A site's meter also prices its
 * energy and its carbon by the curves in force; a provider's or the fleet's meter sums its sites'
 * and keeps the peak of their summed draw.
 */
final class PowerMeter {

    private final double measureFrom;
    private final Pool[] pools;
    private final StepCurve usdPerMwh;
    private final StepCurve gco2PerKwh;
    private final List<PowerMeter> sites;
    private double last = Double.NEGATIVE_INFINITY;
    private double drawKw;
    /** Stranded and idle GPUs since the last change (like the draw: read then, counted at the next). */
    private long strandedGpus;
    private long idleGpus;
    private double energyMwh;
    private double costUsd;
    private double co2Tonnes;
    private double peakMw;
    private double strandedGpuHours;
    private double idleGpuHours;

    /** A site's meter. */
    PowerMeter(double measureFrom, List<Pool> pools, StepCurve usdPerMwh, StepCurve gco2PerKwh) {
        this.measureFrom = measureFrom;
        this.pools = pools.toArray(Pool[]::new);
        this.usdPerMwh = usdPerMwh;
        this.gco2PerKwh = gco2PerKwh;
        this.sites = List.of();
    }

    /** A provider's or the fleet's meter, over its sites' meters. */
    PowerMeter(double measureFrom, List<PowerMeter> sites) {
        this.measureFrom = measureFrom;
        this.pools = new Pool[0];
        this.usdPerMwh = null;
        this.gco2PerKwh = null;
        this.sites = List.copyOf(sites);
    }

    /** Counts the time since the last change at the draw that held over it, then takes the draw now. */
    void changed(double now) {
        accumulate(now);
        drawKw = sites.isEmpty() ? poolsDraw() : sites.stream().mapToDouble(s -> s.drawKw).sum();
        strandedGpus = 0;
        idleGpus = 0;
        for (Pool pool : pools) {
            strandedGpus += pool.stranded();
            idleGpus += idle(pool);
        }
    }

    /** Counts up to {@code now} at the draw that held since the last change; call before the draw changes. */
    void accumulate(double now) {
        double from = Math.max(last, measureFrom);
        if (now > from) {
            peakMw = Math.max(peakMw, drawKw / 1000.0);
            if (sites.isEmpty()) {
                double hours = now - from;
                energyMwh += drawKw * hours / 1000.0;
                costUsd += priced(usdPerMwh, from, now) / 1000.0; // kWh x $/MWh
                co2Tonnes += priced(gco2PerKwh, from, now) / 1e6; // kWh x g/kWh
                strandedGpuHours += strandedGpus * hours;
                idleGpuHours += idleGpus * hours;
            }
        }
        last = Math.max(last, now);
    }

    /** The draw's kWh over [from, to] times the curve in force, split where the curve steps. */
    private double priced(StepCurve curve, double from, double to) {
        if (curve == null) {
            return 0;
        }
        double sum = 0;
        for (double t = from; t < to; ) {
            double next = Math.min(to, curve.nextChangeAfter(t));
            sum += drawKw * (next - t) * curve.valueAt(t);
            t = next;
        }
        return sum;
    }

    private double poolsDraw() {
        double kw = 0;
        for (Pool pool : pools) {
            double perGpu = pool.type().kwPerGpu();
            if (Double.isNaN(perGpu)) {
                continue; // a type without kw-per-gpu draws nothing the scenario can say
            }
            long held = (long) pool.busy() + pool.reserved();
            kw += held * perGpu * pool.type().busyFraction() + idle(pool) * perGpu * pool.type().idleFraction();
        }
        return kw;
    }

    /** Powered GPUs neither busy nor held for inference. */
    private static long idle(Pool pool) {
        return Math.max(0, pool.installed() - pool.stranded() - pool.busy() - pool.reserved());
    }

    /**
     * The figures of the measured period: energy, its cost and carbon where the curves are given
     * (a provider's or the fleet's where some site gives them), the peak draw, stranded and idle
     * GPU-hours.
     */
    Map<String, Double> figures() {
        Map<String, Double> m = new LinkedHashMap<>();
        if (sites.isEmpty()) {
            m.put("energy_mwh", energyMwh);
            if (usdPerMwh != null) {
                m.put("energy_cost_usd", costUsd);
            }
            if (gco2PerKwh != null) {
                m.put("co2_t", co2Tonnes);
            }
            m.put("power_peak_mw", peakMw);
            m.put("stranded_gpu_hours", strandedGpuHours);
            m.put("idle_gpu_hours", idleGpuHours);
            return m;
        }
        m.put("energy_mwh", sites.stream().mapToDouble(s -> s.energyMwh).sum());
        if (sites.stream().anyMatch(s -> s.usdPerMwh != null)) {
            m.put("energy_cost_usd", sites.stream().mapToDouble(s -> s.costUsd).sum());
        }
        if (sites.stream().anyMatch(s -> s.gco2PerKwh != null)) {
            m.put("co2_t", sites.stream().mapToDouble(s -> s.co2Tonnes).sum());
        }
        m.put("power_peak_mw", peakMw);
        m.put("stranded_gpu_hours", sites.stream().mapToDouble(s -> s.strandedGpuHours).sum());
        m.put("idle_gpu_hours", sites.stream().mapToDouble(s -> s.idleGpuHours).sum());
        return m;
    }
}
