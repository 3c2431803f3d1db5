package org.capsim.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.capsim.examples.PreferProviderPolicy;
import org.capsim.experiment.Experiment;
import org.capsim.experiment.RunOptions;
import org.capsim.model.JobStatus;
import org.capsim.model.RofrOutcome;
import org.capsim.model.Site;
import org.capsim.model.SitePower;
import org.capsim.model.StepCurve;
import org.capsim.replication.Deal;
import org.capsim.scenario.Scenario;
import org.capsim.testing.MemoryRecorder;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in routing policies, and the example built from {@link PoolRule}, obey their rules job by job. */
class RoutingRulesTest {

    /** A small contested fleet: the holder is too small for the demand, so it must refuse some jobs. */
    private static final String FLEET = """
            name: routing
            start: 2025-01-01
            horizon: 2025-06-30
            seed: 11
            gpu-types:
              H100: { peak-tflops: 989 }
              GB200: { peak-tflops: 2500 }
            providers:
              azure: { price-per-gpu-hour: { H100: 4, GB200: 9 } }
              oracle: { price-per-gpu-hour: 3 }
              stargate: { price-per-gpu-hour: 2.5 }
            sites:
              - id: azure-us
                provider: azure
                build-out:
                  - { date: 2024-12-01, gpu-type: H100, gpus: 256 }
                  - { date: 2025-03-01, gpu-type: GB200, gpus: 128 }
              - id: oci
                provider: oracle
                build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 512 } ]
              - id: abilene
                provider: stargate
                build-out: [ { date: 2025-02-01, gpu-type: GB200, gpus: 512 } ]
            demand:
              - class: work
                kind: sized
                arrivals-per-day: 6
                gpus: { choice: { 16: 0.5, 64: 0.3, 256: 0.2 } }
                hours: { lognormal: { median: 24, sigma: 1 } }
                reference-gpu: H100
            routing:
              policy: %s
              rofr: { holder: azure, response-days: 2, max-start-delay-days: 5, fallback: %s }
              cheapest: { max-start-delay-days: 3 }
            """;

    @TempDir
    Path dir;

    private Scenario fleet(String policy, String fallback) {
        return TestScenarios.load(dir, FLEET.formatted(policy, fallback));
    }

    private static MemoryRecorder run(Scenario scenario, PolicyRegistry.Entry entry) {
        MemoryRecorder record = new MemoryRecorder();
        Experiment.run(scenario, Deal.of(entry), new RunOptions(1, scenario.seed(), 1, 0), r -> record, Experiment.Progress.NONE);
        return record;
    }

    /** Wraps the real ROFR policy and notes, at each answer, how soon the holder could start the job. */
    public static final class RofrProbe implements RoutingPolicy {
        static final Map<String, Double> HOLDER_START = new HashMap<>();
        private final RofrPolicy rofr = new RofrPolicy();

        @Override
        public String name() {
            return "rofr";
        }

        @Override
        public void configure(PolicySettings settings) {
            rofr.configure(settings);
        }

        @Override
        public Decision route(JobRequest job, FleetView fleet) {
            if (job.rofr() == RofrOutcome.OFFERED) {
                double best = fleet.pools("azure").stream().mapToDouble(p -> fleet.earliestStart(job, p)).min()
                        .orElse(Double.POSITIVE_INFINITY);
                HOLDER_START.put(job.id(), best);
            }
            return rofr.route(job, fleet);
        }
    }

    @Test
    void rofrRulesHoldJobByJob() {
        for (String fallback : List.of("earliest-start", "cheapest")) {
            Scenario scenario = fleet("rofr", fallback);
            RofrProbe.HOLDER_START.clear();
            MemoryRecorder run = run(scenario, new PolicyRegistry.Entry("rofr", "", RofrProbe.class, "test"));
            double response = 48;
            double maxDelay = 120;
            int accepted = 0;
            int refused = 0;
            for (MemoryRecorder.JobRow job : run.jobs) {
                assertNotEquals(RofrOutcome.NONE, job.rofr(), job.id() + " was never offered to the holder");
                if (job.rofr() == RofrOutcome.OFFERED) { // the answer falls after the horizon
                    assertTrue(job.arrival() + response > scenario.endHours(), job.id());
                    continue;
                }
                assertEquals(job.arrival() + response, job.rofrAnsweredAt(), 1e-9, job.id() + " answered after response-days");
                double holderStart = RofrProbe.HOLDER_START.get(job.id());
                if (job.rofr() == RofrOutcome.ACCEPTED) {
                    accepted++;
                    assertTrue(holderStart <= job.rofrAnsweredAt() + maxDelay, job.id() + " accepted beyond the delay");
                    assertEquals("azure", job.provider(), job.id() + " accepted but not run by the holder");
                    if (job.status() != JobStatus.WAITING) {
                        // one priority, known run times: the holder's promise is kept exactly
                        assertEquals(holderStart, job.start(), 1e-9, job.id());
                        assertTrue(job.start() <= job.rofrAnsweredAt() + maxDelay, job.id());
                    }
                } else {
                    refused++;
                    assertTrue(holderStart > job.rofrAnsweredAt() + maxDelay, job.id() + " refused though the holder could start it in time");
                    if (job.status() != JobStatus.REJECTED) {
                        assertNotEquals("azure", job.provider(), job.id() + " refused yet run by the holder");
                    }
                }
                if (!Double.isNaN(job.start())) {
                    assertTrue(job.start() >= job.arrival() + response, job.id() + " started before the answer");
                }
            }
            System.out.printf("rofr (%s fallback): %d accepted, %d refused%n", fallback, accepted, refused);
            assertTrue(run.jobs.size() > 900, "jobs: " + run.jobs.size());
            assertTrue(accepted > 50 && refused > 50, "the fleet should make the holder both accept and refuse");
        }
    }

    @Test
    void exclusiveRunsEveryJobAtTheHolder() {
        Scenario scenario = fleet("exclusive", "earliest-start");
        MemoryRecorder run = run(scenario, TestScenarios.registry().find("exclusive"));
        long placed = run.jobs.stream().filter(j -> j.provider() != null).count();
        assertTrue(placed > 500, "placed " + placed);
        run.jobs.stream().filter(j -> j.provider() != null)
                .forEach(j -> assertEquals("azure", j.provider(), j.id() + " ran outside the holder"));
        run.jobs.forEach(j -> assertEquals(RofrOutcome.NONE, j.rofr()));
    }

    /** What each pool offered a job when the policy under test placed it. */
    record Candidate(int pool, String provider, double start, double cost) {
    }

    record Placement(double now, int chosen, List<Candidate> candidates) {
    }

    /** Wraps a policy and records, per job, every pool's estimate and cost at placement. */
    public static final class PlacementProbe implements RoutingPolicy {
        static Supplier<RoutingPolicy> delegates;
        static final Map<String, Placement> PLACEMENTS = new HashMap<>();
        private final RoutingPolicy delegate = delegates.get();

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public void configure(PolicySettings settings) {
            delegate.configure(settings);
        }

        @Override
        public Decision route(JobRequest job, FleetView fleet) {
            List<Candidate> candidates = fleet.pools().stream().filter(p -> fleet.canEverRun(job, p))
                    .map(p -> new Candidate(p.index(), p.provider(), fleet.earliestStart(job, p), job.costAt(p))).toList();
            Decision decision = delegate.route(job, fleet);
            if (decision instanceof Decision.Place place) {
                PLACEMENTS.put(job.id(), new Placement(fleet.now(), place.pool().index(), candidates));
            }
            return decision;
        }
    }

    private Map<String, Placement> placements(String policy) {
        return placements(fleet(policy, "earliest-start"), () -> TestScenarios.registry().find(policy).create());
    }

    private static Map<String, Placement> placements(Scenario scenario, Supplier<RoutingPolicy> policy) {
        PlacementProbe.delegates = policy;
        PlacementProbe.PLACEMENTS.clear();
        run(scenario, new PolicyRegistry.Entry(policy.get().name(), "", PlacementProbe.class, "test"));
        assertTrue(PlacementProbe.PLACEMENTS.size() > 500, "placements: " + PlacementProbe.PLACEMENTS.size());
        return Map.copyOf(PlacementProbe.PLACEMENTS);
    }

    private static Candidate chosen(Placement p) {
        return p.candidates().stream().filter(c -> c.pool() == p.chosen()).findFirst().orElseThrow();
    }

    /** Earliest start: no pool could start the job sooner; ties go to the lower cost. */
    @Test
    void earliestStartPicksTheSoonestPool() {
        Map<String, Long> byProvider = new HashMap<>();
        placements("earliest-start").forEach((id, p) -> {
            Candidate choice = chosen(p);
            byProvider.merge(choice.provider(), 1L, Long::sum);
            for (Candidate other : p.candidates()) {
                assertTrue(choice.start() < other.start() || (choice.start() == other.start() && choice.cost() <= other.cost()),
                        id + ": chose " + choice + " over " + other);
            }
        });
        assertEquals(3, byProvider.size(), "every provider gets work: " + byProvider);
    }

    /** Cheapest: the lowest cost among pools that can start it within 3 days, else the earliest start. */
    @Test
    void cheapestPicksTheLowestCostWithinTheBound() {
        int withinBound = 0;
        for (Map.Entry<String, Placement> entry : placements("cheapest").entrySet()) {
            Placement p = entry.getValue();
            Candidate choice = chosen(p);
            double bound = p.now() + 72;
            List<Candidate> inTime = p.candidates().stream().filter(c -> c.start() <= bound).toList();
            if (inTime.isEmpty()) {
                p.candidates().forEach(o -> assertTrue(choice.start() <= o.start(), entry.getKey() + ": not the earliest"));
            } else {
                withinBound++;
                assertTrue(choice.start() <= bound, entry.getKey() + ": chose a pool beyond the bound");
                inTime.forEach(o -> assertTrue(choice.cost() <= o.cost(), entry.getKey() + ": " + o + " was cheaper than " + choice));
            }
        }
        assertTrue(withinBound > 500, "jobs decided by cost: " + withinBound);
    }

    /** The scenario with each site of {@code intensities} given that grid intensity (the reader may not know the key yet). */
    private static Scenario withIntensities(Scenario s, Map<String, StepCurve> intensities) {
        List<Site> sites = s.sites().stream().map(site -> !intensities.containsKey(site.id()) ? site
                : new Site(site.id(), site.provider(), site.buildOut(), new SitePower(List.of(), null, intensities.get(site.id()))))
                .toList();
        return new Scenario(s.file(), s.name(), s.description(), s.calendar(), s.warmupHours(), s.seed(), s.replications(),
                s.sampleHours(), s.scheduling(), s.gpuTypes(), s.providers(), sites, s.demand(), s.reservations(), s.failures(),
                s.routing(), s.notes());
    }

    /**
     * Lowest carbon: among the pools that can start the job within 1 day, the one whose grid is
     * cleanest now (a site with none given ranks last), then the sooner; none in time: the
     * earliest start. Oracle's grid is the cleanest until April, then the dirtiest.
     */
    @Test
    void lowestCarbonPicksTheCleanestGridWithinTheBound() {
        Map<String, StepCurve> bySite = Map.of("oci", new StepCurve(new double[] {0, 2160}, new double[] {50, 600}),
                "abilene", StepCurve.constant(300));
        Map<String, String> siteOf = Map.of("azure", "azure-us", "oracle", "oci", "stargate", "abilene");
        Scenario scenario = withIntensities(TestScenarios.load(dir, FLEET.formatted("lowest-carbon", "earliest-start")
                + "  lowest-carbon: { max-start-delay-days: 1 }\n"), bySite);
        Map<String, Integer> cleanestInTime = new HashMap<>();
        int late = 0;
        for (Map.Entry<String, Placement> entry : placements(scenario, () -> new LowestCarbonPolicy()).entrySet()) {
            Placement p = entry.getValue();
            Candidate choice = chosen(p);
            double bound = p.now() + 24;
            Map<Candidate, Double> inTime = new HashMap<>();
            for (Candidate c : p.candidates()) {
                StepCurve grid = bySite.get(siteOf.get(c.provider()));
                if (c.start() <= bound) {
                    inTime.put(c, grid == null ? Double.POSITIVE_INFINITY : grid.valueAt(p.now()));
                }
            }
            if (inTime.isEmpty()) {
                late++;
                p.candidates().forEach(o -> assertTrue(choice.start() <= o.start(), entry.getKey() + ": not the earliest"));
                continue;
            }
            assertTrue(inTime.containsKey(choice), entry.getKey() + ": chose a pool beyond the bound");
            double chosenGrid = inTime.get(choice);
            inTime.forEach((o, grid) -> assertTrue(chosenGrid < grid || (chosenGrid == grid && choice.start() <= o.start()),
                    entry.getKey() + ": " + o + " was cleaner or as clean and sooner than " + choice));
            if (chosenGrid < Double.POSITIVE_INFINITY) {
                cleanestInTime.merge(choice.provider() + (p.now() < 2160 ? " before April" : " from April"), 1, Integer::sum);
            }
        }
        assertTrue(cleanestInTime.getOrDefault("oracle before April", 0) > 100
                && cleanestInTime.getOrDefault("stargate from April", 0) > 100, "the cleaner grid wins: " + cleanestInTime);
        assertTrue(cleanestInTime.getOrDefault("stargate before April", 0) > 10, "oracle cannot start every job in time");
        assertTrue(late > 10, "some jobs start late everywhere: " + late);
    }

    /** With no grid intensity anywhere every pool ranks alike: lowest-carbon routes as earliest-start. */
    @Test
    void lowestCarbonWithoutIntensitiesRoutesAsEarliestStart() {
        Scenario scenario = fleet("earliest-start", "earliest-start");
        List<MemoryRecorder.JobRow> carbon = TestScenarios.run(scenario, "lowest-carbon", 1).first().jobs;
        assertTrue(carbon.stream().map(MemoryRecorder.JobRow::provider).distinct().count() >= 3, "every provider gets work");
        assertEquals(TestScenarios.run(scenario, "earliest-start", 1).first().jobs, carbon);
    }

    @Test
    void lowestCarbonBoundIsValidated() {
        List<String> problems = TestScenarios.problems(dir, FLEET.formatted("lowest-carbon", "earliest-start")
                + "  lowest-carbon: { max-start-delay-days: -1 }\n");
        assertTrue(problems.stream().anyMatch(m -> m.contains("routing.lowest-carbon.max-start-delay-days: must be between 0 and")),
                problems.toString());
    }

    /** Exclusive: the holder's pool that starts the job soonest. */
    @Test
    void exclusivePicksTheHoldersSoonestPool() {
        placements("exclusive").forEach((id, p) -> {
            Candidate choice = chosen(p);
            assertEquals("azure", choice.provider(), id);
            p.candidates().stream().filter(c -> c.provider().equals("azure"))
                    .forEach(o -> assertTrue(choice.start() <= o.start(), id + ": " + o + " started sooner"));
        });
    }

    /**
     * The example policy: Stargate's soonest pool when it starts the job within 10 days of the
     * soonest pool of all (exactly then), else that soonest pool.
     */
    @Test
    void preferProviderTakesStargateUnlessItStartsTooLate() {
        double slack = 10 * 24;
        Scenario scenario = TestScenarios.load(dir, FLEET.formatted(PreferProviderPolicy.class.getName(), "earliest-start")
                + "  prefer-provider: { provider: stargate, slack-days: 10 }\n");
        int preferred = 0;
        int best = 0;
        for (Map.Entry<String, Placement> entry : placements(scenario, PreferProviderPolicy::new).entrySet()) {
            Placement p = entry.getValue();
            Candidate choice = chosen(p);
            double bestStart = p.candidates().stream().mapToDouble(Candidate::start).min().orElseThrow();
            double stargateStart = p.candidates().stream().filter(c -> c.provider().equals("stargate"))
                    .mapToDouble(Candidate::start).min().orElse(Double.POSITIVE_INFINITY);
            if (stargateStart <= bestStart + slack) {
                preferred++;
                assertEquals("stargate", choice.provider(), entry.getKey() + ": Stargate starts in time");
                assertEquals(stargateStart, choice.start(), entry.getKey() + ": not Stargate's soonest pool");
            } else {
                best++;
                assertEquals(bestStart, choice.start(), entry.getKey() + ": Stargate too late, yet not the soonest pool");
            }
        }
        assertTrue(preferred > 100 && best > 100, "both branches taken: " + preferred + " preferred, " + best + " best");
    }
}
