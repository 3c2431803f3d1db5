package org.capsim.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.capsim.metrics.ReplicationResult;
import org.capsim.model.JobStatus;
import org.capsim.scenario.Scenario;
import org.capsim.testing.MemoryRecorder.JobRow;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** routing.phases switch policy by arrival date; the commitment policy keeps the owed provider on pace. */
class DealOverTimeTest {

    private static final String FLEET = """
            name: deal
            start: 2025-01-01
            horizon: 2025-12-31
            seed: 21
            gpu-types:
              H100: { peak-tflops: 989 }
            providers:
              azure: { price-per-gpu-hour: 3 }
              oracle: { price-per-gpu-hour: 2 }
            sites:
              - { id: azure-us, provider: azure, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 4096 } ] }
              - { id: oci, provider: oracle, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 4096 } ] }
            demand:
              - class: work
                kind: sized
                arrivals-per-day: 30
                gpus: { choice: { 8: 0.6, 64: 0.4 } }
                hours: { uniform: [1, 8] }
            routing:
            %s
            """;

    @TempDir
    Path dir;

    private String routing(String block) {
        return FLEET.formatted(block.indent(2));
    }

    /** Jobs arriving before the phase date follow the old policy, from it on the new one. */
    @Test
    void jobsFollowThePhaseInForceAtTheirArrival() {
        Scenario scenario = TestScenarios.load(dir, routing("""
                  policy: exclusive
                  rofr: { holder: azure }
                  phases: [ { from: 2025-07-01, policy: cheapest } ]"""));
        double switchAt = ChronoUnit.DAYS.between(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 7, 1)) * 24.0;
        List<JobRow> jobs = TestScenarios.run(scenario, null, 1).first().jobs;
        long before = jobs.stream().filter(j -> j.arrival() < switchAt).count();
        long after = jobs.stream().filter(j -> j.arrival() >= switchAt).count();
        assertTrue(before > 1000 && after > 1000, before + " jobs before, " + after + " after");
        for (JobRow job : jobs) {
            String expected = job.arrival() < switchAt ? "azure" : "oracle"; // exclusive, then the cheaper provider
            assertEquals(expected, job.provider(), job.toString());
        }
        ReplicationResult result = TestScenarios.run(scenario, null, 1).results().get(0);
        assertTrue(result.providers().get("oracle").get("gpu_hours") > 0);
    }

    /** Under commitment, with room at both providers, the owed provider's cumulative spend tracks the straight-line pace. */
    @Test
    void commitmentSpendTracksThePace() {
        // demand spends ~30 x 0.6x8 + 0.4x64 GPU x 4.5 h ~ $4.4M a year at Azure's price; owe $2M over 2 years
        Scenario scenario = TestScenarios.load(dir, routing("""
                  policy: commitment
                  commitment: { provider: azure, spend-usd: 2.0e6, years: 2 }"""));
        TestScenarios.Run run = TestScenarios.run(scenario, null, 1);
        List<JobRow> azure = run.first().jobs.stream()
                .filter(j -> "azure".equals(j.provider()) && j.status() == JobStatus.COMPLETED).toList();
        List<JobRow> oracle = run.first().jobs.stream().filter(j -> "oracle".equals(j.provider())).toList();
        assertTrue(!oracle.isEmpty(), "ahead of pace, jobs go to the cheaper provider");
        double paceRate = 2.0e6 / (2 * 365.25 * 24);
        for (double t = 30 * 24; t < 360 * 24; t += 30 * 24) {
            double until = t;
            double spent = azure.stream().filter(j -> j.start() < until)
                    .mapToDouble(j -> j.gpus() * (Math.min(j.end(), until) - j.start()) * 3).sum();
            double pace = paceRate * t;
            assertEquals(pace, spent, 0.02 * pace + 5_000, "spend at azure by day " + t / 24);
        }
        ReplicationResult result = run.results().get(0);
        assertEquals(1.0, result.metrics().get("commitment_spend_vs_pace"), 0.02);
        assertEquals(2.0e6 * 365 / (2 * 365.25), result.metrics().get("commitment_pace_usd"), 1);
    }

    /** A commitment that comes into force with a phase counts its pace from the phase's date. */
    @Test
    void commitmentPaceStartsWithItsPhase() {
        Scenario scenario = TestScenarios.load(dir, routing("""
                  policy: cheapest
                  commitment: { provider: azure, spend-usd: 2.0e6, years: 2 }
                  phases: [ { from: 2025-07-01, policy: commitment } ]"""));
        ReplicationResult result = TestScenarios.run(scenario, null, 1).results().get(0);
        double days = ChronoUnit.DAYS.between(LocalDate.of(2025, 7, 1), LocalDate.of(2026, 1, 1));
        assertEquals(2.0e6 * days / (2 * 365.25), result.metrics().get("commitment_pace_usd"), 1);
        assertEquals(1.0, result.metrics().get("commitment_spend_vs_pace"), 0.03);
    }
}
