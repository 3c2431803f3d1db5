package org.capsim.metrics;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.capsim.model.JobStatus;
import org.capsim.model.RofrOutcome;
import org.capsim.record.JobRecord;
import org.capsim.record.PoolTotals;
import org.capsim.workload.JobClass;

/**
 * Streaming statistics of one replication. Jobs that arrive during the warm-up are simulated but
 * left out; time-weighted figures (utilization) cover the period after the warm-up.
 *
 * <p>Accounting rules: a job's GPU-hours and cost count for the provider that ran it, up to its
 * end or, for a job still running, up to the horizon; waits count jobs that started. Utilization
 * is busy GPU-hours over the GPU-hours available to training (installed less reserved for
 * inference). Goodput is useful GPU-hours (held less the work lost to interruptions and the
 * restart time) over held GPU-hours.
 */
public final class ReplicationMetrics {

    private final double measureFrom;
    private final List<String> classNames;
    private final List<String> providerIds;
    private final Map<String, Integer> providerIndex = new HashMap<>();

    private long arrived;
    private long completed;
    private long running;
    private long waiting;
    private long rejected;
    private long rofrOffers;
    private long rofrRefusals;
    private double gpuHours;
    private double spend;
    private long rofrAccepted;
    private long promisesBroken;
    private long interruptions;
    private double usefulGpuHours;
    private final Waits waits = new Waits();
    /** Whether demand is limited (SPEC 6.1): only then are its figures reported. */
    private final boolean limited;
    private final Unserved unserved;
    private final Unserved[] classUnserved;
    private final double[] providerServed;
    private final long[] providerAbandoned;

    private final long[] classArrived;
    private final long[] classCompleted;
    private final long[] classRejected;
    private final double[] classGpuHours;
    private final Waits[] classWaits;

    private final double[] providerGpuHours;
    private final double[] providerSpend;
    private final long[] providerStarted;
    private final long[] providerInterruptions;
    private final double[] providerUseful;

    /** The fleet-wide figures of limited demand (SPEC 6.1), reported only when a class limits it. */
    public static final Set<String> DEMAND_METRICS = Set.of("jobs_abandoned", "jobs_unfunded", "demand_gpu_hours",
            "served_gpu_hours", "unserved_share", "wait_h_abandoned_mean");

    /** The fleet-wide power figures (SPEC 6.2), reported only when the scenario says anything of power. */
    public static final Set<String> POWER_METRICS = Set.of("energy_mwh", "energy_cost_usd", "co2_t", "power_peak_mw",
            "stranded_gpu_hours", "idle_gpu_hours");

    /** The fleet-wide metrics capsim reports itself; a routing policy's own figures take other names. */
    public static final Set<String> FLEET_METRICS = Stream.concat(Stream.of("wait_h_mean", "wait_h_p50",
            "wait_h_p95", "wait_h_p99", "jobs_arrived", "jobs_completed", "jobs_running", "jobs_waiting", "jobs_rejected",
            "rofr_offers", "rofr_refusals", "rofr_accepted", "rofr_promises_broken", "utilization", "gpu_hours", "spend_usd",
            "installed_gpus_end", "reserved_gpu_hours", "interruptions", "goodput"),
            Stream.concat(DEMAND_METRICS.stream(), POWER_METRICS.stream()))
            .collect(Collectors.toUnmodifiableSet());

    /**
     * @param providerIds provider ids in scenario order
     * @param limited     whether the scenario limits demand: then demand, served and unserved
     *                    GPU-hours, abandoned and unfunded jobs are reported too
     */
    public ReplicationMetrics(double measureFrom, List<String> classNames, List<String> providerIds, boolean limited) {
        this.measureFrom = measureFrom;
        this.limited = limited;
        this.classNames = List.copyOf(classNames);
        this.providerIds = List.copyOf(providerIds);
        for (int i = 0; i < providerIds.size(); i++) {
            providerIndex.put(providerIds.get(i), i);
        }
        int classes = classNames.size();
        classArrived = new long[classes];
        classCompleted = new long[classes];
        classRejected = new long[classes];
        classGpuHours = new double[classes];
        classWaits = new Waits[classes];
        for (int i = 0; i < classes; i++) {
            classWaits[i] = new Waits();
        }
        providerGpuHours = new double[providerIds.size()];
        providerSpend = new double[providerIds.size()];
        providerStarted = new long[providerIds.size()];
        providerInterruptions = new long[providerIds.size()];
        providerUseful = new double[providerIds.size()];
        unserved = new Unserved();
        classUnserved = new Unserved[classes];
        for (int i = 0; i < classes; i++) {
            classUnserved[i] = new Unserved();
        }
        providerServed = new double[providerIds.size()];
        providerAbandoned = new long[providerIds.size()];
    }

    private boolean measured(double arrival) {
        return arrival >= measureFrom;
    }

    public void arrived(JobClass jobClass, double arrival) {
        if (measured(arrival)) {
            arrived++;
            classArrived[jobClass.index()]++;
        }
    }

    /** A job started at {@code provider} after waiting {@code waitHours}. */
    public void started(JobClass jobClass, double arrival, double waitHours, String provider) {
        if (measured(arrival)) {
            waits.add(waitHours);
            classWaits[jobClass.index()].add(waitHours);
            providerStarted[providerIndex.get(provider)]++;
        }
    }

    /** A job reached its final state: completed or rejected, or running / waiting at the end. */
    public void ended(JobRecord job) {
        if (!measured(job.arrival())) {
            return;
        }
        int cls = job.jobClass().index();
        unserved.add(job);
        classUnserved[cls].add(job);
        switch (job.status()) {
            case COMPLETED -> {
                completed++;
                classCompleted[cls]++;
            }
            case RUNNING -> running++;
            case WAITING -> waiting++;
            case REJECTED -> {
                rejected++;
                classRejected[cls]++;
            }
            case ABANDONED -> {
                if (job.pool() != null) { // it left a provider's queue, not a pending offer
                    providerAbandoned[providerIndex.get(job.pool().provider())]++;
                }
            }
            case UNFUNDED -> {
                // counted by the unserved figures
            }
        }
        if (job.rofr() != RofrOutcome.NONE) {
            rofrOffers++;
        }
        if (job.rofr() == RofrOutcome.REFUSED) {
            rofrRefusals++;
        }
        if (job.rofr() == RofrOutcome.ACCEPTED) {
            rofrAccepted++;
            if (job.promiseBroken()) {
                promisesBroken++;
            }
        }
        if (job.status() == JobStatus.COMPLETED || job.status() == JobStatus.RUNNING) {
            double hours = job.gpuHours();
            double cost = hours * job.pool().pricePerGpuHour();
            int provider = providerIndex.get(job.pool().provider());
            gpuHours += hours;
            spend += cost;
            classGpuHours[cls] += hours;
            providerGpuHours[provider] += hours;
            providerSpend[provider] += cost;
            int count = job.interruptions();
            double useful = job.usefulGpuHours();
            interruptions += count;
            usefulGpuHours += useful;
            providerInterruptions[provider] += count;
            providerUseful[provider] += useful;
            providerServed[provider] += job.demandGpuHours();
        }
    }

    /**
     * The replication's figures once every job has ended and every pool is closed.
     *
     * @param sites         site ids in scenario order
     * @param policyMetrics the routing policies' own fleet-wide figures, reported after capsim's
     */
    public ReplicationResult result(int replication, List<PoolTotals> pools, List<String> sites,
            Map<String, Double> policyMetrics, long events, long digest) {
        return result(replication, pools, sites, policyMetrics, null, events, digest);
    }

    /** {@link #result} with the power figures, or null when the scenario reports none. */
    public ReplicationResult result(int replication, List<PoolTotals> pools, List<String> sites,
            Map<String, Double> policyMetrics, PowerFigures power, long events, long digest) {
        Map<String, Double> m = new LinkedHashMap<>();
        Waits.Sorted sortedWaits = waits.sorted();
        putWaits(m, sortedWaits, true);
        m.put("jobs_arrived", (double) arrived);
        m.put("jobs_completed", (double) completed);
        m.put("jobs_running", (double) running);
        m.put("jobs_waiting", (double) waiting);
        m.put("jobs_rejected", (double) rejected);
        m.put("rofr_offers", (double) rofrOffers);
        m.put("rofr_refusals", (double) rofrRefusals);
        m.put("rofr_accepted", (double) rofrAccepted);
        m.put("rofr_promises_broken", (double) promisesBroken);
        PoolSums fleet = PoolSums.of(pools, pool -> true);
        m.put("utilization", ratio(fleet.busy(), fleet.installed()));
        m.put("gpu_hours", gpuHours);
        m.put("spend_usd", spend);
        m.put("installed_gpus_end", (double) fleet.installedEnd());
        m.put("reserved_gpu_hours", fleet.reserved());
        m.put("interruptions", (double) interruptions);
        m.put("goodput", ratio(usefulGpuHours, gpuHours));
        if (limited) {
            unserved.putInto(m);
        }
        if (power != null) {
            m.putAll(power.fleet());
        }
        m.putAll(policyMetrics);

        Map<String, Map<String, Double>> classes = new LinkedHashMap<>();
        for (int i = 0; i < classNames.size(); i++) {
            Map<String, Double> c = new LinkedHashMap<>();
            c.put("jobs_arrived", (double) classArrived[i]);
            c.put("jobs_completed", (double) classCompleted[i]);
            c.put("jobs_rejected", (double) classRejected[i]);
            // a class holding every wait (a single-class trace) has the fleet's sorted waits: not sorted twice
            putWaits(c, classWaits[i].count() == waits.count() ? sortedWaits : classWaits[i].sorted(), false);
            c.put("gpu_hours", classGpuHours[i]);
            if (limited) {
                classUnserved[i].putInto(c);
            }
            classes.put(classNames.get(i), c);
        }

        Map<String, Map<String, Double>> providers = new LinkedHashMap<>();
        for (int i = 0; i < providerIds.size(); i++) {
            String id = providerIds.get(i);
            PoolSums sums = PoolSums.of(pools, pool -> pool.pool().provider().equals(id));
            Map<String, Double> p = new LinkedHashMap<>();
            p.put("utilization", ratio(sums.busy(), sums.installed()));
            p.put("gpu_hours", providerGpuHours[i]);
            p.put("spend_usd", providerSpend[i]);
            p.put("share_gpu_hours", ratio(providerGpuHours[i], gpuHours));
            p.put("jobs_started", (double) providerStarted[i]);
            p.put("reserved_gpu_hours", sums.reserved());
            p.put("interruptions", (double) providerInterruptions[i]);
            p.put("goodput", ratio(providerUseful[i], providerGpuHours[i]));
            if (limited) {
                p.put("jobs_abandoned", (double) providerAbandoned[i]);
                p.put("served_gpu_hours", providerServed[i]);
            }
            if (power != null) {
                p.putAll(power.providers().get(id));
            }
            providers.put(id, p);
        }

        Map<String, Map<String, Double>> siteMap = new LinkedHashMap<>();
        for (String site : sites) {
            PoolSums sums = PoolSums.of(pools, pool -> pool.pool().site().equals(site));
            Map<String, Double> s = new LinkedHashMap<>();
            s.put("utilization", ratio(sums.busy(), sums.installed()));
            s.put("installed_gpus_end", (double) sums.installedEnd());
            s.put("busy_gpu_hours", sums.busy());
            if (power != null) {
                s.putAll(power.sites().get(site));
            }
            siteMap.put(site, s);
        }
        return new ReplicationResult(replication, m, classes, providers, siteMap, events, digest);
    }

    /**
     * Busy, training-available and reserved GPU-hours of the measured period, and installed GPUs
     * at the end, over some pools.
     */
    private record PoolSums(double busy, double installed, double reserved, long installedEnd) {
        static PoolSums of(List<PoolTotals> pools, java.util.function.Predicate<PoolTotals> which) {
            double busy = 0;
            double installed = 0;
            double reserved = 0;
            long end = 0;
            for (PoolTotals pool : pools) {
                if (which.test(pool)) {
                    busy += pool.busyGpuHours();
                    installed += pool.installedGpuHours();
                    reserved += pool.reservedGpuHours();
                    end += pool.installedEnd();
                }
            }
            return new PoolSums(busy, installed, reserved, end);
        }
    }

    /**
     * Demand against service (SPEC 6.1): what the jobs asked for at full size on their reference
     * GPU, the part of it whose jobs started, and the jobs that left or were never funded.
     */
    private static final class Unserved {
        private long abandoned;
        private long unfunded;
        private double demand;
        private double served;
        private double abandonedWait;

        void add(JobRecord job) {
            demand += job.demandGpuHours();
            if (job.started()) {
                served += job.demandGpuHours();
            } else if (job.status() == JobStatus.ABANDONED) {
                abandoned++;
                abandonedWait += job.waitHours();
            } else if (job.status() == JobStatus.UNFUNDED) {
                unfunded++;
            }
        }

        void putInto(Map<String, Double> into) {
            into.put("jobs_abandoned", (double) abandoned);
            into.put("jobs_unfunded", (double) unfunded);
            into.put("demand_gpu_hours", demand);
            into.put("served_gpu_hours", served);
            into.put("unserved_share", demand > 0 ? 1 - served / demand : Double.NaN);
            into.put("wait_h_abandoned_mean", abandoned > 0 ? abandonedWait / abandoned : Double.NaN);
        }
    }

    private static void putWaits(Map<String, Double> into, Waits.Sorted sorted, boolean p99) {
        into.put("wait_h_mean", sorted.mean());
        into.put("wait_h_p50", sorted.percentile(50));
        into.put("wait_h_p95", sorted.percentile(95));
        if (p99) {
            into.put("wait_h_p99", sorted.percentile(99));
        }
    }

    private static double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : Double.NaN;
    }
}
