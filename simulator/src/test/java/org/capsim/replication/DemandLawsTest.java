package org.capsim.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.capsim.cluster.Job;
import org.capsim.cluster.Pool;
import org.capsim.demand.Budget;
import org.capsim.demand.WorkloadClass;
import org.capsim.experiment.Experiment;
import org.capsim.experiment.RunOptions;
import org.capsim.model.JobStatus;
import org.capsim.policy.Decision;
import org.capsim.policy.FleetView;
import org.capsim.policy.JobRequest;
import org.capsim.policy.PolicyRegistry;
import org.capsim.policy.PoolChoice;
import org.capsim.policy.PoolView;
import org.capsim.policy.RoutingPolicy;
import org.capsim.scenario.Scenario;
import org.capsim.testing.MemoryRecorder;
import org.capsim.testing.MemoryRecorder.JobRow;
import org.capsim.testing.PatienceDraws;
import org.capsim.testing.TestScenarios;
import org.capsim.workload.JobSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The laws of demand that meets supply (SPEC 6.1), on random scenarios: a job leaves exactly at
 * arrival + patience; a class's booked spend per calendar year stays below its budget plus one
 * job's cost, and no job is unfunded before the budget is reached; an elastic run takes, at its
 * pool, the size whose expected finish is earliest.
 */
class DemandLawsTest {

    private static final long SEED = Long.getLong("capsim.demand.seed", 20261207L);
    private static final int SCENARIOS = 12;

    @TempDir
    Path dir;

    @Test
    void abandonedJobsLeaveExactlyAtTheirPatienceAndBudgetsHold() {
        Random random = new Random(SEED);
        int abandoned = 0;
        int started = 0;
        int unfunded = 0;
        for (int n = 0; n < SCENARIOS; n++) {
            String yaml = randomScenario(n, random, n % 2 == 0 ? "fifo" : "easy-backfill", "rofr");
            Scenario scenario = TestScenarios.load(dir, yaml);
            MemoryRecorder record = TestScenarios.run(scenario, null, 1).first();
            String where = "scenario " + n + ":\n" + yaml;
            Map<String, Double> leaves = PatienceDraws.leaveTimes(scenario, 1, record.jobs);
            for (JobRow job : record.jobs) {
                Double leave = leaves.get(PatienceDraws.key(job));
                if (job.status() == JobStatus.ABANDONED) {
                    abandoned++;
                    assertEquals(leave, job.end(), 1e-9, () -> where + "\n" + job);
                } else if (!Double.isNaN(job.start()) && leave != null) {
                    started++;
                    assertTrue(job.start() <= leave + 1e-9, () -> "started after its patience: " + job + "\n" + where);
                } else if (job.status() == JobStatus.WAITING && leave != null) {
                    assertTrue(leave >= scenario.endHours() - 1e-9, () -> "still waiting past its patience: " + job);
                }
            }
            unfunded += checkBudgets(scenario, record, where);
        }
        System.out.printf(Locale.ROOT, "demand laws: %d abandoned jobs left at arrival + patience, %d started in time, "
                + "%d unfunded only once the budget was reached (seed %d)%n", abandoned, started, unfunded, SEED);
        assertTrue(abandoned > 200, "too few abandonments to be a test: " + abandoned);
        assertTrue(started > 1000, "too few starts: " + started);
        assertTrue(unfunded > 50, "too few unfunded jobs to be a test: " + unfunded);
    }

    /**
     * Per class and calendar year: booked spend < budget + the largest single booking, and each
     * unfunded job was turned away when the year's bookings so far had reached the budget.
     * Returns the number of unfunded jobs.
     */
    private static int checkBudgets(Scenario scenario, MemoryRecorder record, String where) {
        int unfunded = 0;
        for (WorkloadClass c : scenario.demand()) {
            Budget budget = c.limits().budget();
            if (budget == null) {
                continue;
            }
            // placements and refusals of the class in time order; a job is placed (and booked) on
            // arrival, or when the ROFR holder answers
            TreeMap<Double, List<JobRow>> byTime = new TreeMap<>();
            for (JobRow job : record.jobs) {
                if (job.className().equals(c.name()) && (job.site() != null || job.status() == JobStatus.UNFUNDED)) {
                    byTime.computeIfAbsent(decidedAt(job), t -> new ArrayList<>()).add(job);
                }
            }
            Map<Integer, Double> booked = new HashMap<>();
            Map<Integer, Double> largest = new HashMap<>();
            for (Map.Entry<Double, List<JobRow>> at : byTime.entrySet()) {
                int year = scenario.calendar().dateAt(at.getKey()).getYear();
                double limit = budget.limitAt(at.getKey());
                for (JobRow job : at.getValue()) {
                    if (job.site() != null) {
                        double cost = job.gpus() * job.heldHours() * price(scenario, job);
                        booked.merge(year, cost, Double::sum);
                        largest.merge(year, cost, Math::max);
                    }
                }
                double soFar = booked.getOrDefault(year, 0.0);
                for (JobRow job : at.getValue()) {
                    if (job.status() == JobStatus.UNFUNDED) {
                        unfunded++;
                        assertTrue(soFar >= limit, () -> "unfunded with " + soFar + " of " + limit + " booked: " + job
                                + "\n" + where);
                    }
                }
                assertTrue(soFar < limit + largest.getOrDefault(year, 0.0),
                        () -> c.name() + " " + year + ": booked " + soFar + " against a budget of " + limit + "\n" + where);
            }
        }
        return unfunded;
    }

    private static double decidedAt(JobRow job) {
        return Double.isNaN(job.rofrAnsweredAt()) ? job.arrival() : job.rofrAnsweredAt();
    }

    private static double price(Scenario scenario, JobRow job) {
        return scenario.providers().get(job.provider()).pricePerGpuHour(job.gpuType());
    }

    /**
     * Places each job where its brute-force best finish is earliest, having worked out, for every
     * pool and every candidate size of an elastic run, the replayed start plus the run time.
     */
    public static final class ElasticCheckPolicy implements RoutingPolicy {
        static final Map<String, Integer> EXPECTED = new HashMap<>();
        static final List<String> WRONG = new ArrayList<>();
        static int shrunk;

        @Override
        public String name() {
            return "elastic-check";
        }

        @Override
        public Decision route(JobRequest request, FleetView fleet) {
            Job job = LiveFleet.jobOf(request);
            if (!(job.size() instanceof JobSize.Compute compute) || !compute.elastic()) {
                PoolView pool = PoolChoice.earliestStart(request, fleet, p -> true);
                return pool == null ? Decision.reject("never fits") : Decision.place(pool);
            }
            LiveFleet live = (LiveFleet) fleet;
            PoolView bestPool = null;
            int bestGpus = -1;
            double bestFinish = Double.POSITIVE_INFINITY;
            for (PoolView view : fleet.pools()) {
                Pool pool = live.poolOf(view);
                int full = compute.gpus(pool.type());
                int gpusHere = -1;
                double startHere = Double.NaN;
                double finishHere = Double.POSITIVE_INFINITY;
                for (int share = 1; share <= 64 && 1.0 / share >= compute.minFraction(); share *= 2) {
                    int gpus = (int) Math.ceil((double) full / share);
                    double start = pool.replayedEarliestStart(gpus, request.priority(), fleet.now());
                    double finish = start + compute.flops() / (gpus * pool.type().peakFlopsPerSecond() * compute.mfu()) / 3600;
                    if (finish < finishHere) {
                        gpusHere = gpus;
                        startHere = start;
                        finishHere = finish;
                    }
                }
                if (finishHere < Double.POSITIVE_INFINITY
                        && Double.compare(fleet.earliestStart(request, view), startHere) != 0 && WRONG.size() < 5) {
                    WRONG.add(job + " on " + pool.name() + ": the fleet says it starts at "
                            + fleet.earliestStart(request, view) + ", its best size " + gpusHere + " at " + startHere);
                }
                if (finishHere < bestFinish) {
                    bestPool = view;
                    bestGpus = gpusHere;
                    bestFinish = finishHere;
                }
            }
            if (bestPool == null) {
                return Decision.reject("never fits");
            }
            EXPECTED.put(job.id(), bestGpus);
            if (bestGpus < compute.gpus(live.poolOf(bestPool).type())) {
                shrunk++;
            }
            return Decision.place(bestPool);
        }
    }

    @Test
    void anElasticRunTakesTheSizeWithTheEarliestExpectedFinish() {
        Random random = new Random(SEED + 1);
        ElasticCheckPolicy.shrunk = 0;
        int checked = 0;
        for (int n = 0; n < SCENARIOS / 2; n++) {
            ElasticCheckPolicy.EXPECTED.clear();
            ElasticCheckPolicy.WRONG.clear();
            String yaml = randomScenario(n, random, "fifo", "earliest-start");
            Scenario scenario = TestScenarios.load(dir, yaml);
            MemoryRecorder record = new MemoryRecorder();
            Experiment.run(scenario, Deal.of(new PolicyRegistry.Entry("elastic-check", "", ElasticCheckPolicy.class, "test")),
                    new RunOptions(1, 1, 1, 0), r -> record, Experiment.Progress.NONE);
            assertEquals(List.of(), ElasticCheckPolicy.WRONG, "scenario " + n + ":\n" + yaml);
            for (JobRow job : record.jobs) {
                Integer expected = ElasticCheckPolicy.EXPECTED.get(job.id());
                if (expected != null && job.className().equals("frontier")) {
                    checked++;
                    assertEquals(expected.intValue(), job.gpus(), () -> job + "\nscenario:\n" + yaml);
                }
            }
        }
        System.out.printf(Locale.ROOT, "elastic law: %d elastic runs took the size with the earliest expected finish, "
                + "%d of them below their full size%n", checked, ElasticCheckPolicy.shrunk);
        assertTrue(checked > 200, "too few elastic runs: " + checked);
        assertTrue(ElasticCheckPolicy.shrunk > 20, "no run was ever shrunk: " + ElasticCheckPolicy.shrunk);
        assertTrue(checked - ElasticCheckPolicy.shrunk > 20, "no run ever kept its full size");
    }

    /** Two providers, an overloaded fleet, a patient class, an elastic scaling-law class and a budgeted class. */
    static String randomScenario(int n, Random random, String scheduling, String policy) {
        StringBuilder sites = new StringBuilder();
        for (int s = 0; s < 2 + random.nextInt(2); s++) {
            sites.append(String.format(Locale.ROOT, "  - { id: s%d, provider: p%d, build-out: [ { date: 2025-09-01, "
                    + "gpu-type: %s, gpus: %d } ] }%n", s, s % 2, s == 2 ? "GB200" : "H100", 64 + random.nextInt(160)));
        }
        return String.format(Locale.ROOT, """
                name: laws-%d
                start: 2025-10-01
                horizon: 2026-03-31
                seed: %d
                scheduling: %s
                gpu-types: { H100: { peak-tflops: 989 }, GB200: { peak-tflops: 2500 } }
                providers: { p0: { price-per-gpu-hour: 2 }, p1: { price-per-gpu-hour: { H100: 1.5, GB200: 4 } } }
                sites:
                %sdemand:
                  - { class: small, kind: sized, arrivals-per-day: %d, gpus: { choice: { 1: 0.4, 8: 0.4, 32: 0.2 } },
                      hours: { lognormal: { median: 10, sigma: 1 } }, priority: %d,
                      patience-days: { uniform: [0.2, %d] } }
                  - { class: frontier, kind: scaling-law, arrivals-per-day: %d, median-flops: 3.0e21, flops-sigma: 0.7,
                      mfu: 0.4, target-days: 2, elastic: { min-fraction: 0.25 },
                      patience-days: { exponential: { mean: 4 } } }
                  - class: funded
                    kind: sized
                    arrivals-per-day: 10
                    gpus: 8
                    hours: { exponential: { mean: 10 } }
                    budget-usd-per-year:
                      - { date: 2025-10-01, usd: %d }
                      - { date: 2026-01-01, usd: %d }
                routing:
                  policy: %s
                  rofr: { holder: p0, response-days: 0.25, max-start-delay-days: 1 }
                """, n, n + 1, scheduling, sites, 12 + random.nextInt(16), random.nextInt(2) * 5, 2 + random.nextInt(6),
                1 + random.nextInt(3), 30_000 + random.nextInt(60_000), 40_000 + random.nextInt(80_000), policy);
    }
}
