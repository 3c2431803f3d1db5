package org.capsim.replication;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.capsim.cluster.Job;
import org.capsim.cluster.Pool;
import org.capsim.engine.Scheduler;
import org.capsim.model.GpuType;
import org.capsim.model.RofrOutcome;
import org.capsim.model.StepCurve;
import org.capsim.policy.FleetView;
import org.capsim.policy.JobRequest;
import org.capsim.policy.PoolView;

/**
 * The {@link FleetView} policies get: read-only adapters over the live pools. A policy holding
 * a view can read but never reach the pool behind it.
 */
final class LiveFleet implements FleetView {

    private final Scheduler clock;
    private final double horizon;
    private final LocalDate startDate;
    private final List<Pool> pools;
    private final List<PoolView> views;
    private final Map<String, List<PoolView>> byProvider = new LinkedHashMap<>();
    private final Map<String, String> providerNames;
    /** Grid intensity by site id, where the scenario gives one. */
    private final Map<String, StepCurve> intensities;

    /** @param providerNames display name by provider id, in scenario order */
    LiveFleet(Scheduler clock, double horizon, LocalDate startDate, List<Pool> pools, Map<String, String> providerNames,
            Map<String, StepCurve> intensities) {
        this.clock = clock;
        this.intensities = Map.copyOf(intensities);
        this.horizon = horizon;
        this.startDate = startDate;
        this.pools = List.copyOf(pools);
        this.providerNames = Map.copyOf(providerNames);
        List<PoolView> list = new ArrayList<>();
        for (String provider : providerNames.keySet()) {
            byProvider.put(provider, new ArrayList<>());
        }
        for (Pool pool : pools) {
            PoolView view = new LivePool(pool);
            list.add(view);
            byProvider.get(pool.providerId()).add(view);
        }
        this.views = Collections.unmodifiableList(list);
        byProvider.replaceAll((k, v) -> Collections.unmodifiableList(v));
    }

    /** The pool behind a view of this fleet, or null for anything else. */
    Pool poolOf(PoolView view) {
        if (view instanceof LivePool live && view.index() >= 0 && view.index() < views.size()
                && views.get(view.index()) == live) {
            return live.pool;
        }
        return null;
    }

    /** The pool behind a view a policy hands back, which must be one of this fleet's. */
    private Pool poolIn(PoolView view) {
        Pool pool = poolOf(view);
        if (pool == null) {
            throw new IllegalArgumentException("not a pool of this fleet: " + view);
        }
        return pool;
    }

    /** Whether some pool will ever have enough GPUs for the job. */
    boolean anyCanEverRun(Job job) {
        for (Pool pool : pools) {
            if (job.size().minGpus(pool.type()) <= pool.maxFutureInstalled()) {
                return true;
            }
        }
        return false;
    }

    JobRequest request(Job job) {
        return new Request(job);
    }

    @Override
    public double now() {
        return clock.now();
    }

    @Override
    public double horizon() {
        return horizon;
    }

    @Override
    public LocalDate startDate() {
        return startDate;
    }

    @Override
    public List<PoolView> pools() {
        return views;
    }

    @Override
    public List<PoolView> pools(String providerId) {
        return byProvider.getOrDefault(providerId, List.of());
    }

    @Override
    public List<String> providers() {
        return List.copyOf(byProvider.keySet());
    }

    @Override
    public String providerName(String providerId) {
        return providerNames.get(providerId);
    }

    @Override
    public double earliestStart(JobRequest job, PoolView view) {
        Pool pool = poolIn(view);
        return job instanceof Request request ? pool.earliestStart(request.job, clock.now())
                : pool.earliestStart(job.gpusAt(view), job.priority(), clock.now());
    }

    @Override
    public double earliestStartUpTo(JobRequest job, PoolView view, double limit) {
        Pool pool = poolIn(view);
        return job instanceof Request request ? pool.earliestStartUpTo(request.job, clock.now(), limit)
                : pool.earliestStartUpTo(job.gpusAt(view), job.priority(), clock.now(), limit);
    }

    /** The job behind a request this fleet made. */
    static Job jobOf(JobRequest request) {
        return ((Request) request).job;
    }

    @Override
    public double earliestStartAtLeast(JobRequest job, PoolView view) {
        Pool pool = poolIn(view);
        // an elastic run starts no sooner than its smallest size could
        int gpus = job instanceof Request request ? request.job.size().minGpus(pool.type()) : job.gpusAt(view);
        return pool.earliestStartAtLeast(gpus, job.priority(), clock.now());
    }

    @Override
    public double earliestStartAtMost(JobRequest job, PoolView view) {
        if (job instanceof Request request && request.job.size().elastic()) {
            return Double.POSITIVE_INFINITY; // its size, and so its start, is chosen by the exact answers
        }
        return poolIn(view).earliestStartAtMost(job.gpusAt(view), job.priority(), clock.now());
    }

    @Override
    public boolean canEverRun(JobRequest job, PoolView view) {
        if (job instanceof Request request) {
            Pool pool = poolIn(view);
            return request.job.size().minGpus(pool.type()) <= pool.maxFutureInstalled();
        }
        return FleetView.super.canEverRun(job, view);
    }

    private GpuType typeOf(PoolView view) {
        return poolIn(view).type();
    }

    /** Read-only view of a pool. */
    private final class LivePool implements PoolView {
        private final Pool pool;

        LivePool(Pool pool) {
            this.pool = pool;
        }

        public int index() {
            return pool.index();
        }

        @Override
        public boolean backfills() {
            return pool.backfills();
        }

        public String site() {
            return pool.siteId();
        }

        public String provider() {
            return pool.providerId();
        }

        public String gpuType() {
            return pool.type().name();
        }

        public double peakTflops() {
            return pool.type().peakTflops();
        }

        public double pricePerGpuHour() {
            return pool.pricePerGpuHour();
        }

        @Override
        public double gridGco2PerKwh() {
            StepCurve intensity = intensities.get(pool.siteId());
            return intensity == null ? Double.NaN : intensity.valueAt(clock.now());
        }

        public int installed() {
            return pool.installed();
        }

        public int busy() {
            return pool.busy();
        }

        public int free() {
            return pool.free();
        }

        public int reserved() {
            return pool.reserved();
        }

        public int queuedJobs() {
            return pool.queuedJobs();
        }

        public long queuedGpus() {
            return pool.queuedGpus();
        }

        public long maxFutureInstalled() {
            return pool.maxFutureInstalled();
        }

        public List<UpcomingTranche> upcomingTranches() {
            List<UpcomingTranche> upcoming = new ArrayList<>();
            pool.forEachUpcomingTranche((time, gpus) -> upcoming.add(new UpcomingTranche(time, (int) gpus)));
            return upcoming;
        }

        @Override
        public String toString() {
            return "pool " + pool.name();
        }
    }

    /** Read-only view of a job being routed. */
    private final class Request implements JobRequest {
        private final Job job;

        Request(Job job) {
            this.job = job;
        }

        public String id() {
            return job.id();
        }

        public String className() {
            return job.jobClass().name();
        }

        public int priority() {
            return job.jobClass().priority();
        }

        public double arrival() {
            return job.arrival();
        }

        public int gpusAt(PoolView pool) {
            return job.size().elastic() ? poolIn(pool).gpusFor(job, clock.now()) : job.size().gpus(typeOf(pool));
        }

        public double hoursAt(PoolView pool) {
            return job.size().elastic() ? job.size().hoursOn(typeOf(pool), gpusAt(pool)) : job.size().hours(typeOf(pool));
        }

        public RofrOutcome rofr() {
            return job.rofr();
        }

        public int round() {
            return job.routingRounds();
        }

        @Override
        public String toString() {
            return job.toString();
        }
    }
}
