package org.capsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

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
import org.capsim.replication.Deal;
import org.capsim.scenario.Scenario;
import org.capsim.testing.MemoryRecorder;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Law: under EASY backfill, the start a pool estimates for a job when it is routed there, and so
 * the ROFR holder's promise, is exactly the start the job gets, whenever nothing the estimate
 * could not foresee happened at that pool between its routing and its start: no other arrival
 * there, no uncertain tranche coming or failing to come, no re-split of an inference reservation
 * by a build-out. Certain build-outs and retirements, reservation steps, failures (sampled when a
 * job is placed), several priorities and sizes, and jobs ending beyond the horizon are all
 * foreseen, so they stay in the law. Random scenarios; whole-hour traces make same-instant events.
 */
class EasyPromiseLawTest {

    private static final long SEED = Long.getLong("capsim.promise.seed", 20251207L);
    private static final int SCENARIOS = 200;
    private static final double HORIZON_HOURS = 19 * 24;

    /** Accepts each job at its earliest-start pool and remembers the estimate it accepted on. */
    public static final class PromisePolicy implements RoutingPolicy {
        static final Map<String, Double> ESTIMATES = new HashMap<>();
        /** Routing order: a job routed later at the same instant may still backfill ahead. */
        static final Map<String, Integer> ORDER = new HashMap<>();

        @Override
        public String name() {
            return "promise";
        }

        /** Jobs whose routing had a replay give up for FIFO's estimate: no exact promise was made. */
        static final Set<String> APPROXIMATE = new HashSet<>();

        @Override
        public Decision route(JobRequest job, FleetView fleet) {
            PoolView pool = PoolChoice.earliestStart(job, fleet, p -> true);
            if (pool == null) {
                return Decision.reject("never fits");
            }
            long givenUp = EasyStarts.GIVEN_UP.get();
            ESTIMATES.put(job.id(), fleet.earliestStart(job, pool));
            ORDER.put(job.id(), ORDER.size());
            if (EasyStarts.GIVEN_UP.get() != givenUp) {
                APPROXIMATE.add(job.id());
            }
            return Decision.accept(pool);
        }
    }

    /** What the estimate of one scenario could not foresee: times, per site, that void a job's check. */
    private record Unforeseen(Map<String, List<double[]>> windows) {
        /** Whether something unforeseen happened at {@code site} between {@code from} and {@code to}. */
        boolean during(String site, double from, double to) {
            for (double[] w : windows.getOrDefault(site, List.of())) {
                if (w[0] <= to && w[1] >= from) {
                    return true;
                }
            }
            return false;
        }

        void add(String site, double from, double to) {
            windows.computeIfAbsent(site, s -> new ArrayList<>()).add(new double[] {from, to});
        }
    }

    @TempDir
    Path dir;

    @Test
    void promiseEqualsTheActualStartWhenNothingUnforeseenHappens() {
        Random random = new Random(SEED);
        int covered = 0;
        int waitedBehindOthers = 0;
        int approximate = 0;
        long recorded = EasyStarts.FROM_RECORD.get();
        List<String> wrong = new ArrayList<>();
        for (int n = 0; n < SCENARIOS; n++) {
            Unforeseen unforeseen = new Unforeseen(new HashMap<>());
            String yaml = randomScenario(n, random, unforeseen);
            Scenario scenario = TestScenarios.load(dir.resolve("s" + n), yaml);
            PromisePolicy.ESTIMATES.clear();
            PromisePolicy.ORDER.clear();
            PromisePolicy.APPROXIMATE.clear();
            MemoryRecorder record = new MemoryRecorder();
            Experiment.run(scenario, Deal.of(new PolicyRegistry.Entry("promise", "", PromisePolicy.class, "test")),
                    new RunOptions(1, 1, 1, 0), r -> record, Experiment.Progress.NONE);
            for (MemoryRecorder.JobRow job : record.jobs) {
                if (job.status() == JobStatus.REJECTED) {
                    continue;
                }
                double estimate = PromisePolicy.ESTIMATES.get(job.id());
                if (Double.compare(estimate, job.promisedStart()) != 0) {
                    wrong.add(String.format(Locale.ROOT, "scenario %d, %s: estimated %s but promised %s", n, job.id(),
                            estimate, job.promisedStart()));
                }
                double until = job.status() == JobStatus.WAITING ? HORIZON_HOURS : job.start();
                if (PromisePolicy.APPROXIMATE.contains(job.id())) {
                    approximate++;
                    continue;
                }
                if (unforeseen.during(job.site(), job.arrival(), until) || otherArrival(record, job, until)) {
                    continue;
                }
                if (job.status() == JobStatus.WAITING) {
                    if (!(estimate >= HORIZON_HOURS)) {
                        wrong.add(String.format(Locale.ROOT, "scenario %d, %s: waits at the end but was promised %s",
                                n, job.id(), estimate));
                    }
                    continue;
                }
                covered++;
                waitedBehindOthers += job.start() > job.arrival() ? 1 : 0;
                if (Double.compare(estimate, job.start()) != 0 && wrong.size() < 8) {
                    wrong.add(String.format(Locale.ROOT,
                            "scenario %d, %s (%d GPUs, priority %d, held %.4f h) at %s: arrived %.4f, promised %s, started %s",
                            n, job.id(), job.gpus(), job.priority(), job.heldHours(), job.site(), job.arrival(), estimate,
                            job.start()));
                }
            }
            if (!wrong.isEmpty()) {
                break;
            }
        }
        recorded = EasyStarts.FROM_RECORD.get() - recorded;
        System.out.printf(Locale.ROOT, "EASY promise law: %d starts equal to their promise in %d random scenarios (seed %d), "
                + "%d of them after a wait; %d promises left out, made past the work limit; %d answers read from a recorded "
                + "replay%n", covered, SCENARIOS, SEED, waitedBehindOthers, approximate, recorded);
        assertEquals(List.of(), wrong);
        assertTrue(covered > 10000, "too few jobs checked: " + covered);
        assertTrue(waitedBehindOthers > 1200, "too few jobs checked that waited: " + waitedBehindOthers);
        assertTrue(recorded > 1000, "too few answers read from a recorded replay: " + recorded);
    }

    /** Whether another job was placed at {@code job}'s pool after it and by {@code until}. */
    private static boolean otherArrival(MemoryRecorder record, MemoryRecorder.JobRow job, double until) {
        int order = PromisePolicy.ORDER.get(job.id());
        for (MemoryRecorder.JobRow other : record.jobs) {
            if (other.site() != null && other.site().equals(job.site()) && other.arrival() <= until
                    && PromisePolicy.ORDER.getOrDefault(other.id(), -1) > order) {
                return true;
            }
        }
        return false;
    }

    private String randomScenario(int n, Random random, Unforeseen unforeseen) {
        boolean reservation = random.nextInt(3) == 0;
        StringBuilder sites = new StringBuilder();
        int siteCount = 1 + random.nextInt(2);
        for (int s = 0; s < siteCount; s++) {
            String site = "s" + s;
            sites.append(String.format(Locale.ROOT, "  - id: %s%n    provider: p%d%n    build-out:%n", site, s % 2));
            sites.append(String.format(Locale.ROOT, "      - { date: 2025-01-01, gpu-type: H100, gpus: %d }%n",
                    24 + random.nextInt(80)));
            int day = 2;
            for (int t = 0; t < random.nextInt(4); t++) {
                day += 1 + random.nextInt(5);
                double hours = (day - 1) * 24.0;
                boolean retire = random.nextInt(3) == 0;
                String uncertainty = retire ? "" : switch (random.nextInt(4)) {
                    case 0 -> ", delay-days: { exponential: { mean: 2 } }";
                    case 1 -> ", cancel-probability: 0.5";
                    default -> "";
                };
                if (uncertainty.contains("delay")) {
                    unforeseen.add(site, hours, Double.POSITIVE_INFINITY);
                } else if (uncertainty.contains("cancel")) {
                    unforeseen.add(site, hours, hours);
                }
                if (reservation && s % 2 == 0) { // the reservation is re-split among p0's pools
                    for (int other = 0; other < siteCount; other += 2) {
                        unforeseen.add("s" + other, hours, hours);
                    }
                }
                sites.append(String.format(Locale.ROOT, "      - { date: 2025-01-%02d, gpu-type: H100, %s: %d%s }%n",
                        day, retire ? "retire-gpus" : "gpus", 1 + random.nextInt(retire ? 8 : 48), uncertainty));
            }
        }
        StringBuilder demand = new StringBuilder();
        int classes = random.nextInt(3);
        for (int k = 0; k < classes; k++) {
            // from light to heavy load: queues form, small or short jobs backfill, and some waits see no other arrival
            demand.append(String.format(Locale.ROOT, "  - { class: c%d, kind: sized, priority: %d, arrivals-per-day: %d, "
                    + "gpus: { choice: { 1: 0.3, 4: 0.3, 8: 0.2, 16: 0.1, 32: 0.1 } }, "
                    + "hours: { lognormal: { median: %d, sigma: 1.2 } } }%n",
                    k, random.nextInt(3), 2 + random.nextInt(30), 2 + random.nextInt(24)));
        }
        if (classes == 0 || random.nextBoolean()) {
            // whole hours: jobs end and start at the same instants, so same-instant events must keep their order
            StringBuilder trace = new StringBuilder("id,submit,gpus,hours\n");
            int jobs = 30 + random.nextInt(150);
            int span = 50 + random.nextInt(400);
            for (int j = 0; j < jobs; j++) {
                trace.append(String.format(Locale.ROOT, "t%d,%d,%d,%d%n", j, random.nextInt(span), 1 + random.nextInt(24),
                        1 + random.nextInt(random.nextBoolean() ? 4 : 30)));
            }
            TestScenarios.write(dir.resolve("s" + n), "t.csv", trace.toString());
            demand.append(String.format(Locale.ROOT, "  - { class: t, kind: trace, priority: %d, file: t.csv, time-unit: hours, "
                    + "columns: { submit: submit, gpus: gpus, duration: hours, id: id } }%n", random.nextInt(3)));
        }
        if (reservation) {
            demand.append(String.format(Locale.ROOT, "  - { class: api, kind: inference, provider: p0, reserve-gpus: "
                    + "[ { date: 2025-01-03, gpus: %d }, { date: 2025-01-09, gpus: %d }, { date: 2025-01-14, gpus: %d } ] }%n",
                    4 + random.nextInt(8), 8 + random.nextInt(16), 2 + random.nextInt(8)));
        }
        String failures = random.nextInt(3) == 0 ? "failures: { gpu-mtbf-hours: 2000, checkpoint-hours: 1, restart-hours: 0.5 }\n" : "";
        return """
                name: easy-promise
                start: 2025-01-01
                horizon: 2025-01-20
                seed: %d
                scheduling: easy-backfill
                gpu-types: { H100: { peak-tflops: 989 } }
                providers: { p0: { price-per-gpu-hour: 2 }, p1: { price-per-gpu-hour: 3 } }
                sites:
                %sdemand:
                %s%s""".formatted(n + 1, sites, demand, failures);
    }
}
