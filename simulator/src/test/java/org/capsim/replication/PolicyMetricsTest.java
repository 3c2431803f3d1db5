package org.capsim.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjDoubleConsumer;

import org.capsim.metrics.ReplicationMetrics;
import org.capsim.metrics.ReplicationResult;
import org.capsim.policy.Decision;
import org.capsim.policy.FleetView;
import org.capsim.policy.JobRequest;
import org.capsim.policy.PolicyException;
import org.capsim.policy.PolicyMetrics;
import org.capsim.policy.PolicyRegistry;
import org.capsim.policy.PoolView;
import org.capsim.policy.RoutingPolicy;
import org.capsim.record.JobRecord;
import org.capsim.scenario.Scenario;
import org.capsim.testing.MemoryRecorder;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;

/** A routing policy's own figures: it sees every job's final record and its metrics follow capsim's. */
class PolicyMetricsTest {

    /** Places each job at the first pool that can ever run it; counts the jobs and GPU-hours it is told of. */
    public static class CountingPolicy implements RoutingPolicy, PolicyMetrics {
        long jobs;
        double gpuHours;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Decision route(JobRequest job, FleetView fleet) {
            for (PoolView pool : fleet.pools()) {
                if (fleet.canEverRun(job, pool)) {
                    return Decision.place(pool);
                }
            }
            return Decision.reject("no pool can ever fit it");
        }

        @Override
        public void jobEnded(JobRecord job) {
            jobs++;
            gpuHours += job.gpuHours();
        }

        @Override
        public void metrics(double endHours, ObjDoubleConsumer<String> into) {
            into.accept(metricName(), jobs);
            into.accept("counted_gpu_hours", gpuHours);
        }

        String metricName() {
            return "counted_jobs";
        }
    }

    /** Reports a metric under a name capsim already uses. */
    public static final class ClashingPolicy extends CountingPolicy {
        @Override
        String metricName() {
            return "utilization";
        }
    }

    private static ReplicationResult run(Class<? extends RoutingPolicy> policy, MemoryRecorder recorder) {
        Scenario scenario = TestScenarios.load(TestScenarios.shipped("mmc-check"));
        Deal deal = Deal.of(new PolicyRegistry.Entry("counting", "", policy, "test"));
        return Replication.run(scenario, deal, 1, scenario.seed(), 0, recorder);
    }

    @Test
    void aPolicySeesEveryJobRecordedAndReportsAfterCapsimsMetrics() {
        MemoryRecorder recorder = new MemoryRecorder();
        ReplicationResult result = run(CountingPolicy.class, recorder);
        double gpuHours = 0;
        for (MemoryRecorder.JobRow job : recorder.jobs) {
            gpuHours += job.gpuHours();
        }
        assertTrue(recorder.jobs.size() > 100, "jobs: " + recorder.jobs.size());
        // warm-up arrivals too: the policy is told of every job the recorder writes, in the same order
        assertEquals(recorder.jobs.size(), result.metrics().get("counted_jobs"));
        assertEquals(gpuHours, result.metrics().get("counted_gpu_hours"));
        List<String> names = new ArrayList<>(result.metrics().keySet());
        assertEquals(List.of("goodput", "counted_jobs", "counted_gpu_hours"), names.subList(names.size() - 3, names.size()));
    }

    @Test
    void aPolicyMetricWithTheNameOfOneOfCapsimsIsRefused() {
        PolicyException e = assertThrows(PolicyException.class, () -> run(ClashingPolicy.class, new MemoryRecorder()));
        assertEquals("counting", e.policy());
        assertTrue(e.getMessage().contains("'utilization', which is one of capsim's own"), e.getMessage());
    }

    @Test
    void fleetMetricsListsEveryMetricCapsimReports() {
        ReplicationResult result = run(CountingPolicy.class, new MemoryRecorder());
        List<String> capsims = new ArrayList<>(result.metrics().keySet());
        capsims.removeAll(List.of("counted_jobs", "counted_gpu_hours"));
        // a scenario that does not limit demand reports all but the demand figures
        java.util.Set<String> expected = new java.util.HashSet<>(ReplicationMetrics.FLEET_METRICS);
        expected.removeAll(ReplicationMetrics.DEMAND_METRICS);
        expected.removeAll(ReplicationMetrics.POWER_METRICS);
        assertEquals(expected, new java.util.HashSet<>(capsims));
    }
}
