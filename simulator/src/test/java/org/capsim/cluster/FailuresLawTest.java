package org.capsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.capsim.metrics.ReplicationResult;
import org.capsim.model.JobStatus;
import org.capsim.scenario.Scenario;
import org.capsim.testing.MemoryRecorder;
import org.capsim.testing.MemoryRecorder.JobRow;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GPU failures interrupt jobs at rate g / MTBF, cost lost work and restarts, and lower goodput. */
class FailuresLawTest {

    private static final String SCENARIO = """
            name: failures
            start: 2025-01-01
            horizon: 2025-04-30
            seed: 5
            gpu-types:
              H100: { peak-tflops: 989 }
            providers:
              lab: { price-per-gpu-hour: 2 }
            sites:
              - { id: s, provider: lab, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 2048 } ] }
            demand:
              - class: work
                kind: sized
                arrivals-per-day: 12
                gpus: { choice: { 8: 0.4, 64: 0.4, 256: 0.2 } }
                hours: { uniform: [10, 40] }
            routing:
              policy: earliest-start
            """;

    private static final double MTBF = 4000;
    private static final double RESTART = 0.5;
    private static final String FAILURES = "failures: { gpu-mtbf-hours: 4000, checkpoint-hours: 2, restart-hours: 0.5 }\n";

    @TempDir
    Path dir;

    /** Law: interruptions total sum(g x computing hours) / MTBF, Poisson, within its 95 % interval. */
    @Test
    void interruptionsFollowTheRateLaw() {
        Scenario scenario = TestScenarios.load(dir, SCENARIO + FAILURES);
        MemoryRecorder record = TestScenarios.run(scenario, null, 1).first();
        long interruptions = 0;
        double expected = 0;
        int jobs = 0;
        for (JobRow job : record.jobs) {
            if (job.status() != JobStatus.COMPLETED) {
                continue;
            }
            jobs++;
            interruptions += job.interruptions();
            // a job computes while it is not restarting: the failure clock runs only then
            double computing = job.heldHours() - RESTART * job.interruptions();
            expected += job.gpus() * computing / MTBF;
        }
        double z = (interruptions - expected) / Math.sqrt(expected);
        System.out.printf("failures law: %d jobs, %d interruptions, expected %.1f (z = %.2f)%n", jobs, interruptions,
                expected, z);
        assertTrue(jobs > 1000 && expected > 500, "enough jobs and failures to test the law: " + jobs + ", " + expected);
        assertTrue(Math.abs(z) < 1.96, "interruptions " + interruptions + " vs expected " + expected + ", z = " + z);
    }

    /** Law: held = computing hours + lost work + restarts, so jobs take longer and goodput drops below 1. */
    @Test
    void failuresLengthenJobsAndLowerGoodput() {
        Scenario without = TestScenarios.load(dir, SCENARIO);
        Scenario with = TestScenarios.load(dir, SCENARIO + FAILURES);
        MemoryRecorder clean = TestScenarios.run(without, null, 1).first();
        TestScenarios.Run failing = TestScenarios.run(with, null, 1);
        for (JobRow job : clean.jobs) {
            if (job.status() == JobStatus.COMPLETED) {
                assertEquals(job.hours(), job.heldHours(), 1e-9, job.id());
                assertEquals(0, job.interruptions());
            }
        }
        double extra = 0;
        int interrupted = 0;
        for (JobRow job : failing.first().jobs) {
            if (job.status() != JobStatus.COMPLETED) {
                continue;
            }
            assertTrue(job.heldHours() >= job.hours() + RESTART * job.interruptions() - 1e-9, job.toString());
            // all the useful work of a completed job is its computing: hours on its GPUs
            assertEquals(job.gpus() * job.hours(), job.usefulGpuHours(), 1e-6 * job.gpuHours(), job.toString());
            assertEquals(job.end() - job.start(), job.heldHours(), 1e-6, job.toString());
            extra += job.heldHours() - job.hours();
            interrupted += job.interruptions() > 0 ? 1 : 0;
        }
        assertTrue(interrupted > 100 && extra > 0, interrupted + " interrupted jobs, " + extra + " extra hours");
        ReplicationResult result = failing.results().get(0);
        double goodput = result.providers().get("lab").get("goodput");
        assertTrue(goodput > 0.5 && goodput < 1.0, "goodput " + goodput);
        assertEquals(1.0, TestScenarios.run(without, null, 1).results().get(0).providers().get("lab").get("goodput"), 1e-12);
        assertTrue(result.metrics().get("interruptions") > 0);
    }

    /** A job too big for the failure rate to ever finish stops sampling at the horizon and is still running then. */
    @Test
    void aHopelessJobRunsToTheHorizon() {
        String hopeless = SCENARIO.replace("gpus: { choice: { 8: 0.4, 64: 0.4, 256: 0.2 } }", "gpus: 2048")
                .replace("arrivals-per-day: 12", "arrivals-per-day: 0.05")
                + "failures: { gpu-mtbf-hours: 100, checkpoint-hours: 24 }\n";
        MemoryRecorder record = TestScenarios.run(TestScenarios.load(dir, hopeless), null, 1).first();
        List<JobRow> running = record.jobs.stream().filter(j -> j.status() == JobStatus.RUNNING).toList();
        assertTrue(!running.isEmpty(), "a job holding 2048 GPUs that fail every 3 minutes never completes");
        assertTrue(record.jobs.stream().noneMatch(j -> j.status() == JobStatus.COMPLETED));
    }
}
