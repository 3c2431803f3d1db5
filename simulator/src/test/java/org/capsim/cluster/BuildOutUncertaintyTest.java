package org.capsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.capsim.model.RofrOutcome;
import org.capsim.random.Distribution;
import org.capsim.random.RandomStreams;
import org.capsim.scenario.Scenario;
import org.capsim.testing.MemoryRecorder;
import org.capsim.testing.MemoryRecorder.JobRow;
import org.capsim.testing.MemoryRecorder.PoolRow;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Late and cancelled tranches: drawn once per replication, honoured exactly, and visible in broken ROFR promises. */
class BuildOutUncertaintyTest {

    private static final String SCENARIO = """
            name: uncertain
            start: 2025-01-01
            horizon: 2025-06-30
            seed: 9
            gpu-types:
              H100: { peak-tflops: 989 }
            providers:
              azure: { price-per-gpu-hour: 3 }
              oracle: { price-per-gpu-hour: 2 }
            sites:
              - id: azure-us
                provider: azure
                build-out:
                  - { date: 2024-12-01, gpu-type: H100, gpus: 64 }
                  - { date: 2025-02-01, gpu-type: H100, gpus: 512, %s }
              - id: oci
                provider: oracle
                build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 1024 } ]
            demand:
              - class: work
                kind: sized
                arrivals-per-day: 8
                gpus: { choice: { 32: 0.5, 256: 0.5 } }
                hours: { uniform: [12, 72] }
            routing:
              policy: rofr
              rofr: { holder: azure, response-days: 1, max-start-delay-days: 20 }
            """;

    /** Hours from the start of 2025-02-01, the tranche's planned date. */
    private static final double PLANNED = 31 * 24;

    @TempDir
    Path dir;

    /** Law: the tranche's GPUs arrive exactly its sampled delay after the planned date, in every replication. */
    @Test
    void aDelayedTrancheShiftsCapacityByItsSampledDelay() {
        Scenario scenario = TestScenarios.load(dir, SCENARIO.formatted("delay-days: { uniform: [5, 40] }"));
        TestScenarios.Run run = TestScenarios.run(scenario, null, 6);
        Set<Double> delays = new HashSet<>();
        for (int r = 1; r <= 6; r++) {
            // the model's draw: the site's own stream, the delay of its one uncertain tranche
            double delayDays = new Distribution.Uniform(5, 40)
                    .sampler(new RandomStreams(scenario.seed(), r).stream("build-out/azure-us")).sample();
            delays.add(delayDays);
            double arrival = firstTimeInstalledReaches(run.records().get(r - 1), "azure-us", 576);
            assertEquals(PLANNED + delayDays * 24, arrival, 1e-9, "replication " + r);
        }
        assertEquals(6, delays.size(), "each replication draws its own delay");
    }

    /** A tranche cancelled for sure never appears; one cancelled half the time appears about half the time, whole. */
    @Test
    void aCancelledTrancheNeverAppears() {
        TestScenarios.Run never = TestScenarios.run(TestScenarios.load(dir, SCENARIO.formatted("cancel-probability: 1")), null, 5);
        for (MemoryRecorder record : never.records()) {
            assertTrue(installed(record, "azure-us").stream().allMatch(n -> n <= 64), "a cancelled tranche appeared");
        }
        TestScenarios.Run half = TestScenarios.run(TestScenarios.load(dir, SCENARIO.formatted("cancel-probability: 0.5")), null, 40);
        int appeared = 0;
        for (MemoryRecorder record : half.records()) {
            int max = installed(record, "azure-us").stream().mapToInt(Integer::intValue).max().orElseThrow();
            assertTrue(max == 64 || max == 576, "all or nothing: " + max);
            appeared += max == 576 ? 1 : 0;
        }
        // binomial(40, 0.5): 95 % of outcomes lie in [14, 26]
        assertTrue(appeared >= 14 && appeared <= 26, appeared + " of 40 replications got the tranche");
    }

    /** The holder promises from its planned build-out: a late tranche breaks promises; a certain one keeps them all. */
    @Test
    void lateTranchesBreakRofrPromises() {
        MemoryRecorder late = TestScenarios.run(TestScenarios.load(dir,
                SCENARIO.formatted("delay-days: { uniform: [30, 60] }")), null, 1).first();
        MemoryRecorder onTime = TestScenarios.run(TestScenarios.load(dir, SCENARIO.formatted("delay-days: 0")), null, 1).first();
        long broken = late.jobs.stream().filter(JobRow::promiseBroken).count();
        assertTrue(broken > 0, "a tranche 30-60 days late must break some promises");
        List<JobRow> accepted = onTime.jobs.stream().filter(j -> j.rofr() == RofrOutcome.ACCEPTED).toList();
        assertTrue(accepted.size() > 50, "the holder accepts jobs: " + accepted.size());
        assertEquals(0, accepted.stream().filter(JobRow::promiseBroken).count(),
                "with a certain build-out, one priority and FIFO the promise is exact");
        for (JobRow job : accepted) {
            if (!Double.isNaN(job.start())) {
                assertEquals(job.promisedStart(), job.start(), 1e-6, job.toString());
            }
        }
    }

    private static double firstTimeInstalledReaches(MemoryRecorder record, String site, int gpus) {
        for (PoolRow row : record.pools) {
            if (row.site().equals(site) && row.installed() >= gpus) {
                return row.time();
            }
        }
        return Double.NaN;
    }

    private static List<Integer> installed(MemoryRecorder record, String site) {
        return record.pools.stream().filter(row -> row.site().equals(site)).map(PoolRow::installed).toList();
    }
}
