package org.capsim.replication;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.random.RandomGenerator;
import org.capsim.cluster.CapacityPlan;
import org.capsim.cluster.Job;
import org.capsim.cluster.Pool;
import org.capsim.cluster.PoolListener;
import org.capsim.cluster.Reservations;
import org.capsim.cluster.StartEstimator;
import org.capsim.demand.InferenceClass;
import org.capsim.demand.JobSink;
import org.capsim.demand.JobSource;
import org.capsim.demand.PoissonSource;
import org.capsim.demand.ScalingLawClass;
import org.capsim.demand.SizedClass;
import org.capsim.demand.TraceClass;
import org.capsim.demand.TraceSource;
import org.capsim.demand.WorkloadClass;
import org.capsim.engine.Kernel;
import org.capsim.engine.ModelEvent;
import org.capsim.metrics.PowerFigures;
import org.capsim.metrics.ReplicationMetrics;
import org.capsim.metrics.ReplicationResult;
import org.capsim.model.Calendar;
import org.capsim.model.GpuType;
import org.capsim.model.JobStatus;
import org.capsim.model.Provider;
import org.capsim.model.Site;
import org.capsim.model.StepCurve;
import org.capsim.model.Tranche;
import org.capsim.policy.PolicyException;
import org.capsim.policy.PolicyMetrics;
import org.capsim.policy.PolicyRegistry;
import org.capsim.policy.RoutingPolicy;
import org.capsim.random.Distribution;
import org.capsim.random.JobStream;
import org.capsim.random.RandomStreams;
import org.capsim.record.JobRecord;
import org.capsim.record.ReplicationRecorder;
import org.capsim.scenario.BlockSettings;
import org.capsim.scenario.Problems;
import org.capsim.scenario.Scenario;
import org.capsim.scenario.ScenarioFactsView;
import org.capsim.workload.JobClass;
import org.capsim.workload.JobSize;

import nl.tudelft.simulation.dsol.model.AbstractDsolModel;

/**
 * One replication's model on the DSOL kernel: the pools of every site with their build-out, one
 * arrival process per workload class, and the router with a fresh policy instance. Built by
 * DSOL's {@code initialize} through {@link #constructModel()}.
 */
public final class CapacityModel extends AbstractDsolModel<Double, Kernel> implements PoolListener, JobSink {

    private final Scenario scenario;
    private final Deal deal;
    private final int replication;
    private final long seed;
    private final double sampleHours;
    private final ReplicationRecorder recorder;
    private final ReplicationMetrics metrics;
    private final List<Pool> pools = new ArrayList<>();
    private final Map<String, Reservations> reservations = new LinkedHashMap<>();
    /** Per pool index, the feed of its power-capped site, or null (SPEC 6.2). */
    private SitePowerFeed[] feeds;
    /** Per pool index, its site's power meter, with the provider's and the fleet's; empty unless power is reported. */
    private PowerMeter[] siteMeters;
    private final Map<String, PowerMeter> meters = new LinkedHashMap<>();
    private final Map<String, PowerMeter> providerMeters = new LinkedHashMap<>();
    private PowerMeter fleetMeter;
    private LiveFleet fleet;
    private Records records;
    private Router router;
    private Budgets budgets;
    /** Per class index, its patience sampler (days), or null when its jobs wait forever. */
    private Distribution.Sampler[] patience;
    /** The deal's policies that report figures of their own. */
    private final List<Reporting> reporting = new ArrayList<>();
    private long serials;

    /**
     * @param replication numbered from 1
     * @param seed        root seed; streams derive from (seed, replication, name)
     * @param sampleHours grid of sites.csv rows, or 0 for a row at every change
     */
    public CapacityModel(Kernel kernel, Scenario scenario, Deal deal, int replication, long seed,
            double sampleHours, ReplicationRecorder recorder) {
        super(kernel);
        this.scenario = scenario;
        this.deal = deal;
        this.replication = replication;
        this.seed = seed;
        this.sampleHours = sampleHours;
        this.recorder = recorder;
        this.metrics = new ReplicationMetrics(scenario.warmupHours(),
                scenario.demand().stream().map(WorkloadClass::name).toList(),
                List.copyOf(scenario.providers().keySet()), scenario.limitsDemand());
    }

    @Override
    public void constructModel() {
        Kernel kernel = getSimulator();
        Calendar calendar = scenario.calendar();
        int[] priorities = scenario.demand().stream().mapToInt(WorkloadClass::priority).toArray();
        StartEstimator estimator = new StartEstimator();
        RandomStreams streams = new RandomStreams(seed, replication);
        Pool.Rules rules = new Pool.Rules(scenario.scheduling(), scenario.failures(), scenario.endHours(), priorities,
                scenario.warmupHours());
        Map<String, double[]> actualBySite = new LinkedHashMap<>();
        Map<String, List<Pool>> poolsBySite = new LinkedHashMap<>();
        for (Site site : scenario.sites()) {
            Provider provider = scenario.providers().get(site.provider());
            double[] actual = realizedTimes(site, calendar, streams.stream("build-out/" + site.id()));
            actualBySite.put(site.id(), actual);
            poolsBySite.put(site.id(), new ArrayList<>());
            for (String typeName : site.gpuTypes()) {
                GpuType type = scenario.gpuTypes().get(typeName);
                List<CapacityPlan.Step> steps = new ArrayList<>();
                for (int t = 0; t < site.buildOut().size(); t++) {
                    Tranche tranche = site.buildOut().get(t);
                    if (tranche.gpuType().equals(typeName)) {
                        steps.add(new CapacityPlan.Step(calendar.hoursAt(tranche.date()), tranche.delta(), actual[t]));
                    }
                }
                JobStream failures = scenario.failures() == null ? null
                        : new JobStream(RandomStreams.seed(seed, replication, "failures"));
                Pool pool = new Pool(pools.size(), site.id(), site.provider(), type, provider.pricePerGpuHour(typeName),
                        new CapacityPlan(steps), rules, failures, kernel, this, estimator);
                pools.add(pool);
                poolsBySite.get(site.id()).add(pool);
            }
        }
        Map<String, String> providerNames = new LinkedHashMap<>();
        scenario.providers().values().forEach(p -> providerNames.put(p.id(), p.name()));
        Map<String, StepCurve> intensities = new LinkedHashMap<>();
        for (Site site : scenario.sites()) {
            if (site.power().gco2PerKwh() != null) {
                intensities.put(site.id(), site.power().gco2PerKwh());
            }
        }
        fleet = new LiveFleet(kernel, scenario.endHours(), calendar.start(), pools, providerNames, intensities);
        feeds = new SitePowerFeed[pools.size()];
        List<SitePowerFeed> siteFeeds = new ArrayList<>();
        for (Site site : scenario.sites()) {
            if (site.power().capped()) {
                // drawn from the site's own stream: every policy sees the same power
                SitePowerFeed feed = new SitePowerFeed(site, poolsBySite.get(site.id()), actualBySite.get(site.id()),
                        realizedPowerTimes(site, calendar, streams.stream("power/" + site.id())), calendar, kernel);
                poolsBySite.get(site.id()).forEach(p -> feeds[p.index()] = feed);
                siteFeeds.add(feed);
            }
        }
        records = new Records(pools, scenario.demandReference(), p -> feeds[p.index()]);
        router = router();
        budgets = new Budgets(scenario.demand(), calendar);
        patience = new Distribution.Sampler[scenario.demand().size()];
        for (int i = 0; i < patience.length; i++) {
            WorkloadClass c = scenario.demand().get(i);
            if (c.limits().patienceDays() != null) {
                // its own stream: every policy sees the same patience for the same job
                patience[i] = c.limits().patienceDays().sampler(streams.stream("patience/" + c.name()));
            }
        }

        pools.forEach(Pool::open);
        for (String providerId : scenario.providers().keySet()) {
            List<InferenceClass> classes = scenario.reservations().stream()
                    .filter(c -> c.provider().equals(providerId)).toList();
            if (!classes.isEmpty()) {
                Reservations r = new Reservations(pools.stream().filter(p -> p.providerId().equals(providerId)).toList(),
                        classes, kernel);
                reservations.put(providerId, r);
                r.open();
            }
        }
        siteFeeds.forEach(feed -> feed.open(scenario.endHours()));
        if (scenario.reportsPower()) {
            openMeters(poolsBySite);
        }
        List<WorkloadClass> demand = scenario.demand();
        for (int i = 0; i < demand.size(); i++) {
            source(demand.get(i), i, streams).start();
        }
        if (sampleHours > 0) {
            kernel.at(0.0, new Sampler());
        }
    }

    /**
     * When each tranche of {@code site} really happens in this replication (clock hours;
     * +infinity when cancelled), drawn from the site's own stream in build-out order, so every
     * policy run on this replication sees the same build-out.
     */
    private static double[] realizedTimes(Site site, Calendar calendar, RandomGenerator random) {
        List<Tranche> tranches = site.buildOut();
        double[] actual = new double[tranches.size()];
        for (int t = 0; t < actual.length; t++) {
            Tranche tranche = tranches.get(t);
            double planned = calendar.hoursAt(tranche.date());
            actual[t] = realized(planned, tranche.delayDays(), tranche.cancelProbability(), random);
        }
        return actual;
    }

    /** When each power step of {@code site} really comes (+infinity when cancelled), drawn as tranches are. */
    private static double[] realizedPowerTimes(Site site, Calendar calendar, RandomGenerator random) {
        List<org.capsim.model.PowerStep> steps = site.power().steps();
        double[] actual = new double[steps.size()];
        for (int k = 0; k < actual.length; k++) {
            org.capsim.model.PowerStep step = steps.get(k);
            actual[k] = realized(calendar.hoursAt(step.date()), step.delayDays(), step.cancelProbability(), random);
        }
        return actual;
    }

    /** A planned time made late by a delay draw, or +infinity when a cancellation draw says it never comes. */
    private static double realized(double planned, Distribution delayDays, double cancelProbability,
            RandomGenerator random) {
        if (cancelProbability > 0 && random.nextDouble() < cancelProbability) {
            return Double.POSITIVE_INFINITY;
        }
        return delayDays == null ? planned : planned + Math.max(0.0, delayDays.sampler(random).sample()) * 24.0;
    }

    /** A power meter per site, per provider and for the fleet, reading the pools from now on. */
    private void openMeters(Map<String, List<Pool>> poolsBySite) {
        double measureFrom = scenario.warmupHours();
        siteMeters = new PowerMeter[pools.size()];
        Map<String, List<PowerMeter>> byProvider = new LinkedHashMap<>();
        scenario.providers().keySet().forEach(id -> byProvider.put(id, new ArrayList<>()));
        for (Site site : scenario.sites()) {
            PowerMeter meter = new PowerMeter(measureFrom, poolsBySite.get(site.id()), site.power().usdPerMwh(),
                    site.power().gco2PerKwh());
            meters.put(site.id(), meter);
            byProvider.get(site.provider()).add(meter);
            poolsBySite.get(site.id()).forEach(p -> siteMeters[p.index()] = meter);
        }
        byProvider.forEach((id, sites) -> providerMeters.put(id, new PowerMeter(measureFrom, sites)));
        fleetMeter = new PowerMeter(measureFrom, List.copyOf(meters.values()));
        double now = getSimulator().now();
        meters.values().forEach(m -> m.changed(now));
        providerMeters.values().forEach(m -> m.changed(now));
        fleetMeter.changed(now);
    }

    private Router router() {
        List<Deal.Phase> phases = deal.phases();
        RoutingPolicy[] policies = new RoutingPolicy[phases.size()];
        String[] names = new String[phases.size()];
        double[] from = new double[phases.size()];
        for (int i = 0; i < policies.length; i++) {
            policies[i] = configuredPolicy(phases.get(i).policy());
            names[i] = phases.get(i).policy().name();
            if (policies[i] instanceof PolicyMetrics own) {
                reporting.add(new Reporting(names[i], own));
            }
            from[i] = phases.get(i).from();
        }
        return new Router(policies, names, from, fleet, getSimulator(), new Router.Outcomes() {
            @Override
            public void ended(Job job) {
                jobEnded(job);
            }

            @Override
            public boolean funds(Job job) {
                return budgets.funds(job, getSimulator().now());
            }

            @Override
            public void placed(Job job) {
                budgets.book(job, getSimulator().now());
            }
        });
    }

    private RoutingPolicy configuredPolicy(PolicyRegistry.Entry entry) {
        RoutingPolicy policy = entry.create();
        Problems problems = new Problems();
        policy.configure(new BlockSettings(scenario.routing().block(entry.name()), problems,
                new ScenarioFactsView(scenario), scenario.routing()));
        if (!problems.isEmpty()) {
            // validation runs the same configure first, so this means the policy is not deterministic
            throw new IllegalStateException("policy " + entry.name() + " rejected its settings at run time: "
                    + problems.list());
        }
        return policy;
    }

    private JobSource source(WorkloadClass workload, int index, RandomStreams streams) {
        Kernel kernel = getSimulator();
        double end = scenario.endHours();
        JobClass jobClass = new JobClass(workload.name(), index, workload.priority());
        if (workload instanceof ScalingLawClass c) {
            var spread = new Distribution.LogNormal(1.0, c.flopsSigma()).sampler(streams.stream("sizes/" + c.name()));
            return new PoissonSource(jobClass, kernel, this, end, c.arrivals(), streams.stream("arrivals/" + c.name()),
                    now -> new JobSize.Compute(c.medianFlops()
                            * Math.pow(c.flopsGrowthPerYear(), now / Calendar.HOURS_PER_YEAR) * spread.sample(),
                            c.mfu(), c.targetHours(), c.maxGpus(), c.minFraction()));
        }
        if (workload instanceof SizedClass c) {
            var gpus = c.gpus().sampler(streams.stream("gpus/" + c.name()));
            var hours = c.hours().sampler(streams.stream("hours/" + c.name()));
            double reference = c.referenceGpu() == null ? Double.NaN : c.referenceGpu().peakTflops();
            return new PoissonSource(jobClass, kernel, this, end, c.arrivals(), streams.stream("arrivals/" + c.name()),
                    now -> new JobSize.OnReference(gpuCount(gpus.sample()), Math.max(0.0, hours.sample()), reference));
        }
        TraceClass c = (TraceClass) workload;
        double reference = c.referenceGpu() == null ? Double.NaN : c.referenceGpu().peakTflops();
        return new TraceSource(jobClass, kernel, this, end, c.trace(), reference);
    }

    /** GPU counts are rounded to whole GPUs, at least one. */
    static int gpuCount(double sample) {
        double rounded = Math.rint(sample);
        return rounded < 1 ? 1 : rounded >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) rounded;
    }

    @Override
    public void arrive(String id, JobClass jobClass, JobSize size) {
        Kernel kernel = getSimulator();
        Job job = new Job(serials++, id, jobClass, kernel.now(), size);
        metrics.arrived(jobClass, job.arrival());
        // drawn for every job, whatever becomes of it, so the draws stay common across policies
        Distribution.Sampler patient = patience[jobClass.index()];
        double leaves = patient == null ? Double.POSITIVE_INFINITY : job.arrival() + patient.sample() * 24.0;
        if (!budgets.funds(job, job.arrival())) {
            job.unfund();
            jobEnded(job);
            return;
        }
        if (!fleet.anyCanEverRun(job)) {
            job.reject("larger than any pool will ever be");
            jobEnded(job);
            return;
        }
        if (leaves <= scenario.endHours()) {
            kernel.at(leaves, new Abandonment(job));
        }
        router.route(job);
    }

    @Override
    public void capacityChanged(Pool pool) {
        if (feeds != null && feeds[pool.index()] != null) {
            // first: a tranche came or retired, so the site's power is shared again before anything may start
            feeds[pool.index()].feed();
        }
        Reservations r = reservations.get(pool.providerId());
        if (r != null) {
            r.split();
        }
    }

    @Override
    public void poolChanged(Pool pool) {
        double now = getSimulator().now();
        if (siteMeters != null) {
            siteMeters[pool.index()].changed(now);
            providerMeters.get(pool.providerId()).changed(now);
            fleetMeter.changed(now);
        }
        recorder.poolChanged(records.sample(pool, now));
    }

    @Override
    public void jobStarted(Job job) {
        metrics.started(job.jobClass(), job.arrival(), job.waitHours(), job.pool().providerId());
    }

    @Override
    public void jobEnded(Job job) {
        ended(records.job(job, getSimulator().now()));
    }

    /**
     * Closes the replication after the kernel stopped: records the jobs still running or waiting
     * (in arrival order) and returns the replication's figures.
     */
    public ReplicationResult finish() {
        double end = scenario.endHours();
        List<Job> open = new ArrayList<>(router.deferredJobs());
        for (Pool pool : pools) {
            pool.close(end);
            open.addAll(pool.running());
            pool.forEachQueued(open::add);
        }
        open.sort((a, b) -> Long.compare(a.serial(), b.serial()));
        for (Job job : open) {
            job.accrueUntil(end);
            ended(records.job(job, end));
        }
        recorder.finish(records.samples(pools, end));
        List<String> sites = scenario.sites().stream().map(Site::id).toList();
        Kernel kernel = getSimulator();
        return metrics.result(replication, records.totals(pools), sites, policiesOwnMetrics(end), powerFigures(end),
                kernel.eventsExecuted(), kernel.eventDigest());
    }

    /** The power meters' figures up to {@code end}, or null when the scenario says nothing of power. */
    private PowerFigures powerFigures(double end) {
        if (fleetMeter == null) {
            return null;
        }
        meters.values().forEach(m -> m.accumulate(end));
        providerMeters.values().forEach(m -> m.accumulate(end));
        fleetMeter.accumulate(end);
        Map<String, Map<String, Double>> bySite = new LinkedHashMap<>();
        meters.forEach((id, m) -> bySite.put(id, m.figures()));
        Map<String, Map<String, Double>> byProvider = new LinkedHashMap<>();
        providerMeters.forEach((id, m) -> byProvider.put(id, m.figures()));
        return new PowerFigures(fleetMeter.figures(), byProvider, bySite);
    }

    /** The figures the deal's policies report themselves, after capsim's own. */
    private Map<String, Double> policiesOwnMetrics(double end) {
        Map<String, Double> own = new LinkedHashMap<>();
        for (Reporting policy : reporting) {
            policy.metrics().metrics(end, (name, value) -> {
                if (ReplicationMetrics.FLEET_METRICS.contains(name)) {
                    throw new PolicyException(policy.name(), "reports a metric named '" + name
                            + "', which is one of capsim's own: give it another name", null);
                }
                own.put(name, value);
            });
        }
        return own;
    }

    private void ended(JobRecord record) {
        metrics.ended(record);
        for (Reporting policy : reporting) {
            policy.metrics().jobEnded(record);
        }
        recorder.jobEnded(record);
    }

    /** The pools, for tests and recorders. */
    public List<Pool> pools() {
        return List.copyOf(pools);
    }

    /** A policy of the deal that reports figures of its own, with its name as errors give it. */
    private record Reporting(String name, PolicyMetrics metrics) {
    }

    /** A job's patience ends: if it has not started, it leaves its queue or its pending offer. */
    private final class Abandonment extends ModelEvent {
        private final Job job;

        Abandonment(Job job) {
            this.job = job;
        }

        @Override
        protected void fire() {
            if (job.status() != JobStatus.WAITING) {
                return; // started, or ended otherwise
            }
            if (router.withdraw(job)) {
                job.leave(getSimulator().now());
                jobEnded(job);
            } else {
                job.pool().abandon(job);
            }
        }
    }

    private final class Sampler extends ModelEvent {
        @Override
        protected void fire() {
            Kernel kernel = getSimulator();
            recorder.sample(records.samples(pools, kernel.now()));
            double next = kernel.now() + sampleHours;
            if (next <= kernel.endTime()) {
                kernel.at(next, this);
            }
        }
    }
}
