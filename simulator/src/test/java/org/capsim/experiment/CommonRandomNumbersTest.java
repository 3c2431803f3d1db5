package org.capsim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.capsim.metrics.Comparison;
import org.capsim.metrics.ReplicationResult;
import org.capsim.model.JobStatus;
import org.capsim.record.ReplicationRecorder;
import org.capsim.replication.Deal;
import org.capsim.scenario.Scenario;
import org.capsim.testing.MemoryRecorder.JobRow;
import org.capsim.testing.MemoryRecorder.PoolRow;
import org.capsim.testing.MemoryRecorder;
import org.capsim.testing.PatienceDraws;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Common random numbers: replication r of every policy sees the same jobs (ids, arrival times,
 * sizes), the same build-out (a tranche's sampled delay) and, per job, the same failure draws.
 * Only what the routing changes may differ.
 */
class CommonRandomNumbersTest {

    private static final String SCENARIO = """
            name: crn
            start: 2025-01-01
            horizon: 2025-03-01
            seed: 11
            gpu-types: { H100: { peak-tflops: 989 } }
            providers: { azure: { price-per-gpu-hour: 2 }, oracle: { price-per-gpu-hour: 1.5 } }
            sites:
              - id: a
                provider: azure
                build-out:
                  - { date: 2024-12-01, gpu-type: H100, gpus: 512 }
                  - { date: 2025-01-20, gpu-type: H100, gpus: 512, delay-days: { uniform: [1, 20] } }
              - { id: o, provider: oracle, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 768 } ] }
            demand:
              - class: train
                kind: sized
                arrivals-per-day: 30
                gpus: { choice: { 8: 0.5, 64: 0.3, 256: 0.2 } }
                hours: { lognormal: { median: 12, sigma: 1 } }
            failures: { gpu-mtbf-hours: 5000, checkpoint-hours: 2, restart-hours: 0.5 }
            routing:
              policy: earliest-start
              rofr: { holder: azure, response-days: 0.5, max-start-delay-days: 1 }
            """;
    private static final List<String> POLICIES = List.of("earliest-start", "rofr", "cheapest");
    private static final int REPLICATIONS = 3;

    @TempDir
    Path dir;

    @Test
    void everyPolicySeesTheSameJobsBuildOutAndFailuresInEachReplication() {
        Scenario scenario = TestScenarios.load(dir, SCENARIO);
        List<Deal> deals = POLICIES.stream().map(name -> Deal.of(TestScenarios.registry().find(name))).toList();
        MemoryRecorder[][] records = new MemoryRecorder[deals.size()][REPLICATIONS];
        Experiment.run(scenario, deals, new RunOptions(REPLICATIONS, scenario.seed(), 2, 0), 1, REPLICATIONS,
                (arm, r) -> records[arm][r - 1] = new MemoryRecorder(), Experiment.Progress.NONE);

        int comparedFailures = 0;
        int differentPlacements = 0;
        for (int r = 0; r < REPLICATIONS; r++) {
            List<String> arrivals = arrivals(records[0][r]);
            List<String> buildOut = installedSteps(records[0][r]);
            Map<String, JobRow> base = byId(records[0][r]);
            for (int arm = 1; arm < deals.size(); arm++) {
                assertEquals(arrivals, arrivals(records[arm][r]), POLICIES.get(arm) + ", replication " + (r + 1) + ": jobs");
                assertEquals(buildOut, installedSteps(records[arm][r]), POLICIES.get(arm) + ": build-out");
                for (JobRow job : records[arm][r].jobs) {
                    JobRow same = base.get(job.id());
                    if (job.site() != null && same.site() != null) {
                        // placed under both: the same size (both sites have the same GPU type)
                        assertEquals(same.gpus(), job.gpus(), job.id() + " GPUs");
                        assertEquals(same.hours(), job.hours(), 1e-9, job.id() + " hours");
                        if (!job.site().equals(same.site())) {
                            differentPlacements++;
                        }
                    }
                    // a job completed under both policies was sampled in full: identical failures
                    if (job.status() == JobStatus.COMPLETED && same.status() == JobStatus.COMPLETED) {
                        assertEquals(same.interruptions(), job.interruptions(), job.id() + " interruptions");
                        assertEquals(same.heldHours(), job.heldHours(), 1e-9, job.id() + " held hours");
                        if (job.interruptions() > 0) {
                            comparedFailures++;
                        }
                    }
                }
            }
        }
        assertTrue(comparedFailures > 20, "jobs with failures compared: " + comparedFailures);
        assertTrue(differentPlacements > 100, "the policies must really route differently: " + differentPlacements);
        // and the test could fail: another replication draws other jobs and another delay
        assertNotEquals(arrivals(records[0][0]), arrivals(records[0][1]));
        assertNotEquals(installedSteps(records[0][0]), installedSteps(records[0][1]));
    }

    /**
     * Patience is drawn per job from its class's own stream: under every policy, each job that
     * left did so at the same arrival + patience, drawn again here from the scenario alone.
     */
    @Test
    void patienceDrawsAreCommonAcrossPolicies() {
        Scenario scenario = TestScenarios.load(dir, SCENARIO.replace("hours: { lognormal: { median: 12, sigma: 1 } }",
                "hours: { lognormal: { median: 12, sigma: 1 } }\n    patience-days: { uniform: [0.3, 3] }"));
        List<Deal> deals = POLICIES.stream().map(name -> Deal.of(TestScenarios.registry().find(name))).toList();
        MemoryRecorder[][] records = new MemoryRecorder[deals.size()][REPLICATIONS];
        Experiment.run(scenario, deals, new RunOptions(REPLICATIONS, scenario.seed(), 2, 0), 1, REPLICATIONS,
                (arm, r) -> records[arm][r - 1] = new MemoryRecorder(), Experiment.Progress.NONE);
        Map<String, Integer> abandonedUnder = new HashMap<>();
        for (int r = 0; r < REPLICATIONS; r++) {
            Map<String, Double> leaves = PatienceDraws.leaveTimes(scenario, r + 1, records[0][r].jobs);
            for (int arm = 0; arm < deals.size(); arm++) {
                for (JobRow job : records[arm][r].jobs) {
                    if (job.status() == JobStatus.ABANDONED) {
                        assertEquals(leaves.get(PatienceDraws.key(job)), job.end(), 1e-9,
                                POLICIES.get(arm) + ", replication " + (r + 1) + ": " + job);
                        abandonedUnder.merge((r + 1) + "/" + job.id(), 1, Integer::sum);
                    }
                }
            }
        }
        long underEvery = abandonedUnder.values().stream().filter(k -> k == deals.size()).count();
        long underSome = abandonedUnder.size() - underEvery;
        System.out.printf(java.util.Locale.ROOT, "patience: %d jobs left under every policy at the same time, %d under "
                + "only some%n", underEvery, underSome);
        assertTrue(underEvery > 20 && underSome > 20, "the policies must both share and differ in abandonments: "
                + underEvery + " / " + underSome);
    }

    /**
     * Why CRN matters: on a shipped scenario, the paired difference of the unserved share between
     * two policies is known far more precisely than the same runs would give if they were
     * independent. (The unserved share, not the mean wait: since the recalibration of issue 19 the
     * waits of started jobs are cut short by patience, and their difference between two routings
     * follows who leaves rather than the common arrivals; how much demand goes unserved follows
     * the common draws of job sizes and build-out.)
     */
    @Test
    void pairingNarrowsTheIntervalOfTheDifferenceOnAShippedScenario() {
        Scenario scenario = TestScenarios.load(TestScenarios.shipped("exclusive-2024"));
        List<String> names = List.of("earliest-start", "cheapest");
        List<Deal> deals = names.stream().map(name -> Deal.of(TestScenarios.registry().find(name))).toList();
        int n = 4;
        List<List<ReplicationResult>> results = Experiment.run(scenario, deals, new RunOptions(n, scenario.seed(), 2, 0), 1, n,
                (arm, r) -> ReplicationRecorder.NONE, Experiment.Progress.NONE);
        Comparison.Difference unserved = Comparison.of(names, results).policies().get(0).metrics().get("unserved_share");
        System.out.printf(java.util.Locale.ROOT,
                "exclusive-2024, cheapest - earliest-start, unserved share over %d replications: %.4f, paired ± %.4f, "
                        + "unpaired ± %.4f%n", n, unserved.mean(), unserved.ci95(), unserved.unpairedCi95());
        assertEquals(n, unserved.n());
        assertTrue(unserved.ci95() < unserved.unpairedCi95() / 2,
                "paired ± " + unserved.ci95() + " vs unpaired ± " + unserved.unpairedCi95());
    }

    /** Id, class and arrival time of every job, in arrival order (sizes are compared where placed). */
    private static List<String> arrivals(MemoryRecorder record) {
        List<String> out = new ArrayList<>();
        record.jobs.stream().sorted(Comparator.comparing(JobRow::arrival).thenComparing(JobRow::id))
                .forEach(j -> out.add(j.id() + " " + j.className() + " " + j.arrival()));
        assertTrue(out.size() > 500, "jobs: " + out.size());
        return out;
    }

    /** When each pool's installed GPUs changed, and to what. */
    private static List<String> installedSteps(MemoryRecorder record) {
        List<String> out = new ArrayList<>();
        Map<Integer, Integer> last = new HashMap<>();
        for (PoolRow row : record.pools) {
            Integer before = last.put(row.pool(), row.installed());
            if (before == null || before != row.installed()) {
                out.add(row.time() + " " + row.site() + " " + row.installed());
            }
        }
        return out;
    }

    private static Map<String, JobRow> byId(MemoryRecorder record) {
        Map<String, JobRow> out = new HashMap<>();
        record.jobs.forEach(j -> out.put(j.id(), j));
        return out;
    }
}
