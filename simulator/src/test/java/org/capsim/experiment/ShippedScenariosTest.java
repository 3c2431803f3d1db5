package org.capsim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.capsim.model.JobStatus;
import org.capsim.scenario.Scenario;
import org.capsim.testing.MemoryRecorder;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;

/** The shipped scenarios load, run, conserve GPUs at every change, and answer their questions. */
class ShippedScenariosTest {

    @Test
    void everyShippedScenarioIsValid() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(TestScenarios.root().resolve("scenarios"))) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 3, files.toString());
        files.forEach(TestScenarios::load);
    }

    /** One replication of every shipped scenario runs, brings jobs and conserves GPUs at every change. */
    @Test
    void everyShippedScenarioRuns() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(TestScenarios.root().resolve("scenarios"))) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            TestScenarios.Run run = TestScenarios.run(TestScenarios.load(file), null, 1);
            double arrived = run.results().get(0).metrics().get("jobs_arrived");
            double started = run.first().jobs.stream().filter(j -> !Double.isNaN(j.start())).count();
            System.out.printf("%s: %.0f jobs arrived, %.0f started%n", file.getFileName(), arrived, started);
            assertTrue(arrived > 0 && started > 0, file + ": " + arrived + " arrived, " + started + " started");
        }
    }

    @Test
    void stargateRunsJobsAtSeveralProviders() {
        Scenario scenario = TestScenarios.load(TestScenarios.shipped("stargate-2025"));
        TestScenarios.Run run = TestScenarios.run(scenario, null, 2); // conservation is checked at every change
        for (MemoryRecorder record : run.records()) {
            Map<String, Long> byProvider = record.jobs.stream().filter(j -> j.provider() != null)
                    .collect(Collectors.groupingBy(MemoryRecorder.JobRow::provider, Collectors.counting()));
            assertEquals(3, byProvider.size(), "jobs at azure, oracle and stargate: " + byProvider);
            assertTrue(record.jobs.stream().allMatch(j -> j.start() != j.start() || j.start() >= j.arrival()),
                    "no job starts before it arrives");
            assertTrue(record.jobs.stream().allMatch(j -> j.start() != j.start() || j.start() <= scenario.endHours()));
        }
        assertTrue(run.results().get(0).metrics().get("rofr_refusals") > 0);
    }

    /**
     * The recalibration of issue 19: stargate-2025's demand meets its supply. Under its own ROFR
     * few jobs are still waiting at the horizon (open-loop demand left 45 % waiting), and a
     * compute-constrained lab leaves some, not all, of its demand unserved.
     */
    @Test
    void stargateLeavesBoundedQueuesAndSomeDemandUnserved() {
        Scenario scenario = TestScenarios.load(TestScenarios.shipped("stargate-2025"));
        Map<String, Double> metrics = TestScenarios.run(scenario, null, 1).results().get(0).metrics();
        double waitingShare = metrics.get("jobs_waiting") / metrics.get("jobs_arrived");
        double unserved = metrics.get("unserved_share");
        System.out.printf(java.util.Locale.ROOT, "stargate-2025, rofr: %.1f %% of jobs waiting at the horizon, unserved share %.3f%n",
                100 * waitingShare, unserved);
        assertTrue(waitingShare < 0.05, "jobs still waiting at the horizon: " + metrics.get("jobs_waiting")
                + " of " + metrics.get("jobs_arrived"));
        assertTrue(unserved > 0.1 && unserved < 0.8, "unserved share " + unserved);
        assertTrue(metrics.get("jobs_abandoned") > 0 && metrics.get("jobs_unfunded") > 0,
                "both patience and budgets bind: " + metrics.get("jobs_abandoned") + " abandoned, "
                        + metrics.get("jobs_unfunded") + " unfunded");
    }

    @Test
    void stargateUnderExclusiveStaysAtAzure() {
        Scenario scenario = TestScenarios.load(TestScenarios.shipped("stargate-2025"));
        MemoryRecorder record = TestScenarios.run(scenario, "exclusive", 1).first();
        assertTrue(record.jobs.stream().filter(j -> j.provider() != null).allMatch(j -> j.provider().equals("azure")));
    }

    @Test
    void phillyReplayRunsEveryTraceJob() {
        Scenario scenario = TestScenarios.load(TestScenarios.shipped("philly-replay"));
        MemoryRecorder record = TestScenarios.run(scenario, null, 1).first();
        assertEquals(82_225, record.jobs.size()); // 82,247 rows less the 22 of the quiet first two weeks
        assertTrue(record.jobs.stream().allMatch(j -> j.status() == JobStatus.COMPLETED));
        // total GPU-hours replayed are the trace's from day 14 on (data/README: 978,078 in all)
        double gpuHours = record.jobs.stream().mapToDouble(MemoryRecorder.JobRow::gpuHours).sum();
        assertEquals(946_548.4, gpuHours, 1.0);
    }
}
