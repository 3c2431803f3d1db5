package org.capsim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.capsim.metrics.ReplicationResult;
import org.capsim.policy.Decision;
import org.capsim.policy.FleetView;
import org.capsim.policy.JobRequest;
import org.capsim.policy.PolicyLookupException;
import org.capsim.policy.PolicyRegistry;
import org.capsim.policy.RoutingPolicy;
import org.capsim.record.ReplicationRecorder;
import org.capsim.scenario.Scenario;
import org.capsim.scenario.ScenarioException;
import org.capsim.scenario.ScenarioLoader;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deal} as an arm of a comparison is the scenario's own routing, phases included, on common random numbers. */
class DealArmTest {

    private static final String SCENARIO = """
            name: deal-arm
            start: 2025-01-01
            horizon: 2025-02-15
            seed: 11
            replications: 3
            gpu-types: { H100: { peak-tflops: 989 } }
            providers:
              azure: { price-per-gpu-hour: 4 }
              stargate: { price-per-gpu-hour: 3 }
            sites:
              - { id: azure-us, provider: azure, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 64 } ] }
              - { id: abilene, provider: stargate, build-out: [ { date: 2025-01-10, gpu-type: H100, gpus: 64 } ] }
            demand:
              - { class: small, kind: sized, arrivals-per-day: 24, gpus: 8, hours: { exponential: { mean: 10 } },
                  reference-gpu: H100 }
              - { class: large, kind: sized, arrivals-per-day: 2, gpus: 32, hours: { exponential: { mean: 30 } },
                  reference-gpu: H100 }
            routing:
              policy: rofr
              rofr: { holder: azure, response-days: 1, max-start-delay-days: 3 }
              phases:
                - { from: 2025-01-20, policy: exclusive }
            """;

    private static final List<String> ARMS = List.of("earliest-start", PolicyRegistry.DEAL);

    @TempDir
    Path dir;

    private Scenario load(List<String> policies) throws ScenarioException {
        Path file = TestScenarios.write(dir, "deal.yaml", SCENARIO);
        return ScenarioLoader.load(file, "deal.yaml", new ScenarioLoader.Options(TestScenarios.registry(), policies, List.of()));
    }

    private static List<List<ReplicationResult>> results(SweepPoint point) {
        return Study.run(point.scenario(), point.deals(), point.options(), null,
                (arm, replication) -> ReplicationRecorder.NONE, Experiment.Progress.NONE, Study.Growth.NONE).results();
    }

    private static SweepPoint point(Scenario scenario, List<String> policies) {
        return SweepPoint.of(1, List.of(), scenario, TestScenarios.registry(), policies,
                new SweepPoint.Asked(null, null, 2, null));
    }

    @Test
    void theDealArmGivesExactlyTheResultsOfARunOfTheScenario() throws ScenarioException {
        Scenario own = load(List.of());
        Scenario armed = load(ARMS);
        assertEquals(own.routing().phases(), armed.routing().phases(), "--policies ...,deal keeps the phases");
        assertFalse(armed.routing().phases().isEmpty());

        SweepPoint run = point(own, List.of());
        SweepPoint compare = point(armed, ARMS);
        assertEquals(List.of("rofr>exclusive"), run.labels());
        assertEquals(ARMS, compare.labels(), "the arm is labelled deal");
        assertNull(run.dealDescription());
        assertEquals("rofr from 2025-01-01, exclusive from 2025-01-20", compare.dealDescription());

        List<ReplicationResult> alone = results(run).get(0);
        List<List<ReplicationResult>> arms = results(compare);
        assertEquals(3, alone.size());
        assertEquals(alone, arms.get(1), "replication by replication, every figure and the event digest");
        assertFalse(arms.get(0).equals(arms.get(1)), "the other arm routes differently, so the check can fail");
    }

    @Test
    void runWithPolicyDealIsTheScenariosRoutingLabelledDeal() throws ScenarioException {
        SweepPoint named = point(load(List.of(PolicyRegistry.DEAL)), List.of(PolicyRegistry.DEAL));
        assertEquals(List.of(PolicyRegistry.DEAL), named.labels());
        assertEquals(results(point(load(List.of()), List.of())), results(named));
    }

    @Test
    void aScenarioCannotNameDealAsItsPolicy() {
        List<String> problems = TestScenarios.problems(dir, SCENARIO.replace("  policy: rofr\n", "  policy: deal\n"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("bad.yaml:19:11: routing.policy: 'deal' is not a policy"), problems.get(0));
    }

    /** A policy class that calls itself {@code deal}. */
    public static final class NamedDeal implements RoutingPolicy {
        @Override
        public String name() {
            return "deal";
        }

        @Override
        public Decision route(JobRequest job, FleetView fleet) {
            throw new UnsupportedOperationException("never routed");
        }
    }

    @Test
    void aPolicyNamedDealIsRefusedNotShadowed() {
        PolicyLookupException e = assertThrows(PolicyLookupException.class,
                () -> TestScenarios.registry().find(NamedDeal.class.getName()));
        assertTrue(e.getMessage().contains("reserves for the scenario's own routing"), e.getMessage());
    }
}
