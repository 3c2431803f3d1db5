package org.capsim.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.capsim.cluster.Pool;
import org.capsim.experiment.Experiment;
import org.capsim.experiment.RunOptions;
import org.capsim.policy.Decision;
import org.capsim.policy.FleetView;
import org.capsim.policy.JobRequest;
import org.capsim.policy.PolicyRegistry;
import org.capsim.policy.PoolChoice;
import org.capsim.policy.PoolView;
import org.capsim.policy.RoutingPolicy;
import org.capsim.scenario.Scenario;
import org.capsim.testing.MemoryRecorder;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Law: the earliest start a pool answers from its cached forecast (extended job by job, thrown
 * away when a job jumps ahead; under EASY backfill, the answer kept for an unchanged pool) is
 * exactly what a full replay of its queue answers, at every
 * question, with several priorities, backfilling, failures, build-outs, retirements and
 * inference reservations; and a question with a limit gets that answer when it is within the
 * limit, else a time above the limit and not above that answer. The bounds a pool gives without
 * a replay (from below, and from above while a tranche is overdue) hold the replay's answer
 * between them, and the pool {@link PoolChoice#earliestStart} picks with them is the one full
 * replays pick. The forecast is what makes routing fast; this is what keeps it right.
 */
class ForecastCacheTest {

    private static final long SEED = Long.getLong("capsim.forecast.seed", 20251130L);
    private static final int SCENARIOS = Integer.getInteger("capsim.forecast.scenarios", 50);

    /** Asks every pool at every arrival, checks each answer against a replay, places earliest. */
    public static final class CrossCheckPolicy implements RoutingPolicy {
        static final List<String> WRONG = new ArrayList<>();
        static int asked;
        static int arrivals;
        /** Bounds from above that were finite but not the answer: plans made before a tranche was overdue. */
        static int shifted;
        /** Answers given as a bound above the limit instead of exactly. */
        static int bounds;
        /** Limits of the bounded questions, hours after now: from "start now" to never. */
        static final double[] LIMITS = {0, 1, 10, 50, 200, Double.POSITIVE_INFINITY};

        @Override
        public String name() {
            return "cross-check";
        }

        @Override
        public Decision route(JobRequest job, FleetView fleet) {
            LiveFleet live = (LiveFleet) fleet;
            double now = fleet.now();
            // every third arrival asks for bounds only, so plans made at earlier instants live on
            boolean boundsOnly = arrivals++ % 3 == 0;
            for (PoolView view : fleet.pools()) {
                Pool pool = live.poolOf(view);
                // first the questions that must not refresh the forecast, then the bounded one, then the exact one
                double low = fleet.earliestStartAtLeast(job, view);
                double high = fleet.earliestStartAtMost(job, view);
                // under EASY backfill the oracle is the pool's future replayed under its own rules, with no kept answer
                double replayed = pool.replayedEarliestStart(LiveFleet.jobOf(job), now);
                if (!(low <= replayed && replayed <= high)) {
                    wrong(String.format(Locale.ROOT, "at %.4f h, %s on %s: replay %s outside the bounds [%s, %s]",
                            now, job.id(), pool.name(), replayed, low, high));
                }
                shifted += high != replayed && high < Double.POSITIVE_INFINITY ? 1 : 0;
                if (boundsOnly) {
                    continue;
                }
                double limit = now + LIMITS[asked % LIMITS.length];
                double bounded = fleet.earliestStartUpTo(job, view, limit);
                double cached = fleet.earliestStart(job, view);
                asked++;
                boolean boundOk = replayed <= limit ? Double.compare(bounded, replayed) == 0 : bounded > limit && bounded <= replayed;
                if (Double.compare(cached, replayed) != 0 || !boundOk) {
                    wrong(String.format(Locale.ROOT,
                            "at %.4f h, %s (%d GPUs, priority %d) on %s: forecast %s, replay %s, up to %s: %s",
                            now, job.id(), job.gpusAt(view), job.priority(), pool.name(), cached, replayed, limit, bounded));
                }
                bounds += bounded != replayed ? 1 : 0;
            }
            PoolView oracle = earliestByReplay(job, live);
            PoolView pool = PoolChoice.earliestStart(job, fleet, p -> true);
            if (pool != oracle) {
                wrong(String.format(Locale.ROOT, "at %.4f h, %s went to %s; by full replays the earliest start is at %s",
                        now, job.id(), pool == null ? "none" : live.poolOf(pool).name(), oracle == null ? "none" : live.poolOf(oracle).name()));
            }
            return pool == null ? Decision.reject("never fits") : Decision.place(pool);
        }

        /** {@link PoolChoice#earliestStart}'s rule applied to full replays alone. */
        private static PoolView earliestByReplay(JobRequest job, LiveFleet fleet) {
            List<PoolView> candidates = fleet.pools().stream().filter(p -> fleet.canEverRun(job, p)).toList();
            if (candidates.size() == 1 && candidates.get(0).backfills()) {
                return candidates.get(0);
            }
            PoolView best = null;
            double bestStart = Double.POSITIVE_INFINITY;
            double bestCost = Double.POSITIVE_INFINITY;
            for (PoolView view : candidates) {
                double start = fleet.poolOf(view).replayedEarliestStart(LiveFleet.jobOf(job), fleet.now());
                double cost = job.costAt(view);
                if (start < bestStart || (start == bestStart && start < Double.POSITIVE_INFINITY && cost < bestCost)) {
                    best = view;
                    bestStart = start;
                    bestCost = cost;
                }
            }
            return best;
        }

        private static void wrong(String problem) {
            if (WRONG.size() < 5) {
                WRONG.add(problem);
            }
        }
    }

    @TempDir
    Path dir;

    @Test
    void cachedEarliestStartEqualsAFullReplay() {
        Random random = new Random(SEED);
        CrossCheckPolicy.asked = 0;
        CrossCheckPolicy.bounds = 0;
        CrossCheckPolicy.arrivals = 0;
        CrossCheckPolicy.shifted = 0;
        for (int n = 0; n < SCENARIOS; n++) {
            CrossCheckPolicy.WRONG.clear();
            String yaml = randomScenario(n, random);
            Scenario scenario = TestScenarios.load(dir, yaml);
            MemoryRecorder record = new MemoryRecorder();
            Experiment.run(scenario, Deal.of(new PolicyRegistry.Entry("cross-check", "", CrossCheckPolicy.class, "test")),
                    new RunOptions(1, 1, 1, 0), r -> record, Experiment.Progress.NONE);
            assertEquals(List.of(), CrossCheckPolicy.WRONG, "scenario " + n + ":\n" + yaml);
        }
        System.out.printf(Locale.ROOT, "forecast cache: %d earliest-start answers equal to a full replay in %d random scenarios "
                + "(seed %d); %d bounded answers above their limit, none above the replay; %d bounds from above shifted by an "
                + "overdue tranche, none below the replay; every pick the one full replays make%n", CrossCheckPolicy.asked, SCENARIOS, SEED,
                CrossCheckPolicy.bounds, CrossCheckPolicy.shifted);
        assertTrue(CrossCheckPolicy.asked > 20_000, "too few questions checked: " + CrossCheckPolicy.asked);
        assertTrue(CrossCheckPolicy.bounds > 100, "the bounded question was never answered by a bound: " + CrossCheckPolicy.bounds);
        assertTrue(CrossCheckPolicy.shifted > 100, "too few shifted bounds from above checked: " + CrossCheckPolicy.shifted);
    }

    /**
     * Law, on the case a bound shifted by an overdue tranche would get wrong: a retirement still
     * to come. The later the overdue tranche lets a job start, the more of it runs into the
     * retirement, so a start can move by more than the tranche did, or never come at all.
     */
    @Test
    void aRetirementStillToComeLeavesNoShiftedBound() {
        CrossCheckPolicy.WRONG.clear();
        CrossCheckPolicy.asked = 0;
        Scenario scenario = TestScenarios.load(dir, """
                name: overdue-then-retired
                start: 2025-01-01
                horizon: 2025-01-12
                seed: 3
                gpu-types: { H100: { peak-tflops: 989 } }
                providers: { p0: { price-per-gpu-hour: 2 }, p1: { price-per-gpu-hour: 3 } }
                sites:
                  - id: late
                    provider: p0
                    build-out:
                      - { date: 2025-01-01, gpu-type: H100, gpus: 2 }
                      - { date: 2025-01-02, gpu-type: H100, gpus: 16, delay-days: { uniform: [2, 3] } }
                      - { date: 2025-01-07, gpu-type: H100, retire-gpus: 16 }
                  - id: steady
                    provider: p1
                    build-out: [ { date: 2025-01-01, gpu-type: H100, gpus: 16 } ]
                demand:
                  - { class: work, kind: sized, arrivals-per-day: 12, gpus: { choice: { 8: 0.5, 16: 0.5 } },
                      hours: { uniform: [4, 40] } }
                """);
        Experiment.run(scenario, Deal.of(new PolicyRegistry.Entry("cross-check", "", CrossCheckPolicy.class, "test")),
                new RunOptions(8, 1, 1, 0), r -> new MemoryRecorder(), Experiment.Progress.NONE);
        assertEquals(List.of(), CrossCheckPolicy.WRONG);
        assertTrue(CrossCheckPolicy.asked > 200, "too few questions checked: " + CrossCheckPolicy.asked);
    }

    /** Nothing, a delay (the believed arrival slides with the clock once overdue) or a possible cancellation. */
    private static String uncertainty(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> "";
            case 1 -> ", delay-days: { exponential: { mean: 3 } }";
            default -> ", cancel-probability: 0.5";
        };
    }

    private static String randomScenario(int n, Random random) {
        StringBuilder sites = new StringBuilder();
        int siteCount = 1 + random.nextInt(3);
        for (int s = 0; s < siteCount; s++) {
            sites.append(String.format(Locale.ROOT, "  - id: s%d%n    provider: p%d%n    build-out:%n", s, s % 2));
            sites.append(String.format(Locale.ROOT, "      - { date: 2025-01-%02d, gpu-type: H100, gpus: %d }%n",
                    1 + random.nextInt(5), 32 + random.nextInt(200)));
            int day = 6;
            for (int t = 0; t < random.nextInt(3); t++) {
                boolean retire = random.nextInt(3) == 0;
                day += random.nextInt(10);
                sites.append(String.format(Locale.ROOT, "      - { date: 2025-01-%02d, gpu-type: H100, %s: %d%s }%n",
                        day, retire ? "retire-gpus" : "gpus", 1 + random.nextInt(retire ? 24 : 120),
                        retire ? "" : uncertainty(random)));
            }
        }
        StringBuilder demand = new StringBuilder();
        int classes = 2 + random.nextInt(2);
        for (int k = 0; k < classes; k++) {
            // busy enough that queues grow long and jobs of higher priority keep jumping ahead
            demand.append(String.format(Locale.ROOT, "  - { class: c%d, kind: sized, priority: %d, arrivals-per-day: %d, "
                    + "gpus: { choice: { 1: 0.3, 8: 0.4, 16: 0.2, 64: 0.1 } }, hours: { lognormal: { median: %d, sigma: 1 } } }%n",
                    k, random.nextInt(4), 10 + random.nextInt(40), 2 + random.nextInt(16)));
        }
        if (random.nextBoolean()) {
            // elastic runs: a pool is asked at each candidate size as the run joins it, after the policy asked
            demand.append(String.format(Locale.ROOT, "  - { class: el, kind: scaling-law, priority: %d, arrivals-per-day: %d, "
                    + "median-flops: 5.0e+20, flops-sigma: 1, mfu: 0.4, target-days: 1, max-gpus: 64, "
                    + "elastic: { min-fraction: 0.25 } }%n", random.nextInt(4), 5 + random.nextInt(20)));
        }
        if (random.nextBoolean()) {
            demand.append(String.format(Locale.ROOT, "  - { class: api, kind: inference, provider: p0, reserve-gpus: "
                    + "[ { date: 2025-01-03, gpus: %d }, { date: 2025-01-15, gpus: %d } ] }%n",
                    4 + random.nextInt(16), 8 + random.nextInt(24)));
        }
        String failures = random.nextInt(3) == 0 ? "failures: { gpu-mtbf-hours: 3000, checkpoint-hours: 1, restart-hours: 0.5 }\n" : "";
        return """
                name: forecast-cache
                start: 2025-01-01
                horizon: 2025-01-28
                seed: %d
                scheduling: %s
                gpu-types: { H100: { peak-tflops: 989 } }
                providers: { p0: { price-per-gpu-hour: 2 }, p1: { price-per-gpu-hour: 3 } }
                sites:
                %sdemand:
                %s%s""".formatted(n + 1, random.nextBoolean() ? "fifo" : "easy-backfill", sites, demand, failures);
    }
}
