package org.capsim.metrics;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.capsim.cluster.Job;
import org.capsim.cluster.Pool;
import org.capsim.model.JobStatus;
import org.capsim.model.RofrOutcome;

/**
 * Streaming statistics of one replication. Jobs that arrive during the warm-up are simulated but
 * left out; time-weighted figures (utilization) cover the period after the warm-up.
 *
 * <p>Accounting rules: a job's GPU-hours and cost count for the provider that ran it, up to its
 * end or, for a job still running, up to the horizon; waits count jobs that started.
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
    private final DoubleList waits = new DoubleList();

    private final long[] classArrived;
    private final long[] classCompleted;
    private final long[] classRejected;
    private final double[] classGpuHours;
    private final DoubleList[] classWaits;

    private final double[] providerGpuHours;
    private final double[] providerSpend;
    private final long[] providerStarted;

    public ReplicationMetrics(double measureFrom, List<String> classNames, List<String> providerIds) {
        this.measureFrom = measureFrom;
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
        classWaits = new DoubleList[classes];
        for (int i = 0; i < classes; i++) {
            classWaits[i] = new DoubleList();
        }
        providerGpuHours = new double[providerIds.size()];
        providerSpend = new double[providerIds.size()];
        providerStarted = new long[providerIds.size()];
    }

    private boolean measured(Job job) {
        return job.arrival() >= measureFrom;
    }

    public void arrived(Job job) {
        if (measured(job)) {
            arrived++;
            classArrived[job.jobClass().index()]++;
        }
    }

    public void started(Job job) {
        if (measured(job)) {
            double wait = job.waitHours();
            waits.add(wait);
            classWaits[job.jobClass().index()].add(wait);
            providerStarted[providerIndex.get(job.pool().providerId())]++;
        }
    }

    /** A job reached its final state: completed or rejected, or running / waiting at the end. */
    public void ended(Job job, double now) {
        if (!measured(job)) {
            return;
        }
        int cls = job.jobClass().index();
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
        }
        if (job.rofr() != RofrOutcome.NONE) {
            rofrOffers++;
        }
        if (job.rofr() == RofrOutcome.REFUSED) {
            rofrRefusals++;
        }
        if (job.status() == JobStatus.COMPLETED || job.status() == JobStatus.RUNNING) {
            double hours = job.gpuHours(now);
            double cost = hours * job.pool().pricePerGpuHour();
            int provider = providerIndex.get(job.pool().providerId());
            gpuHours += hours;
            spend += cost;
            classGpuHours[cls] += hours;
            providerGpuHours[provider] += hours;
            providerSpend[provider] += cost;
        }
    }

    /**
     * The replication's figures once every job has ended and every pool is closed.
     *
     * @param sites site ids in scenario order
     */
    public ReplicationResult result(int replication, List<Pool> pools, List<String> sites, long events, long digest) {
        Map<String, Double> m = new LinkedHashMap<>();
        double[] sortedWaits = Stats.sorted(waits.toArray());
        putWaits(m, sortedWaits, true);
        m.put("jobs_arrived", (double) arrived);
        m.put("jobs_completed", (double) completed);
        m.put("jobs_running", (double) running);
        m.put("jobs_waiting", (double) waiting);
        m.put("jobs_rejected", (double) rejected);
        m.put("rofr_offers", (double) rofrOffers);
        m.put("rofr_refusals", (double) rofrRefusals);
        PoolSums fleet = PoolSums.of(pools, pool -> true);
        m.put("utilization", ratio(fleet.busy(), fleet.installed()));
        m.put("gpu_hours", gpuHours);
        m.put("spend_usd", spend);
        m.put("installed_gpus_end", (double) fleet.installedEnd());

        Map<String, Map<String, Double>> classes = new LinkedHashMap<>();
        for (int i = 0; i < classNames.size(); i++) {
            Map<String, Double> c = new LinkedHashMap<>();
            c.put("jobs_arrived", (double) classArrived[i]);
            c.put("jobs_completed", (double) classCompleted[i]);
            c.put("jobs_rejected", (double) classRejected[i]);
            putWaits(c, Stats.sorted(classWaits[i].toArray()), false);
            c.put("gpu_hours", classGpuHours[i]);
            classes.put(classNames.get(i), c);
        }

        Map<String, Map<String, Double>> providers = new LinkedHashMap<>();
        for (int i = 0; i < providerIds.size(); i++) {
            String id = providerIds.get(i);
            PoolSums sums = PoolSums.of(pools, pool -> pool.providerId().equals(id));
            Map<String, Double> p = new LinkedHashMap<>();
            p.put("utilization", ratio(sums.busy(), sums.installed()));
            p.put("gpu_hours", providerGpuHours[i]);
            p.put("spend_usd", providerSpend[i]);
            p.put("share_gpu_hours", ratio(providerGpuHours[i], gpuHours));
            p.put("jobs_started", (double) providerStarted[i]);
            providers.put(id, p);
        }

        Map<String, Map<String, Double>> siteMap = new LinkedHashMap<>();
        for (String site : sites) {
            PoolSums sums = PoolSums.of(pools, pool -> pool.siteId().equals(site));
            Map<String, Double> s = new LinkedHashMap<>();
            s.put("utilization", ratio(sums.busy(), sums.installed()));
            s.put("installed_gpus_end", (double) sums.installedEnd());
            s.put("busy_gpu_hours", sums.busy());
            siteMap.put(site, s);
        }
        return new ReplicationResult(replication, m, classes, providers, siteMap, events, digest);
    }

    /** Busy and installed GPU-hours of the measured period, and installed GPUs at the end, over some pools. */
    private record PoolSums(double busy, double installed, long installedEnd) {
        static PoolSums of(List<Pool> pools, java.util.function.Predicate<Pool> which) {
            double busy = 0;
            double installed = 0;
            long end = 0;
            for (Pool pool : pools) {
                if (which.test(pool)) {
                    busy += pool.busyGpuHours();
                    installed += pool.installedGpuHours();
                    end += pool.installed();
                }
            }
            return new PoolSums(busy, installed, end);
        }
    }

    private static void putWaits(Map<String, Double> into, double[] sorted, boolean p99) {
        into.put("wait_h_mean", Stats.mean(sorted));
        into.put("wait_h_p50", Stats.percentile(sorted, 50));
        into.put("wait_h_p95", Stats.percentile(sorted, 95));
        if (p99) {
            into.put("wait_h_p99", Stats.percentile(sorted, 99));
        }
    }

    private static double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : Double.NaN;
    }
}
