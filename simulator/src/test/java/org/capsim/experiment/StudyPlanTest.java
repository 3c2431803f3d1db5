package org.capsim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

import org.capsim.engine.SimulationFailure;
import org.capsim.metrics.Comparison;
import org.capsim.metrics.ReplicationResult;
import org.capsim.metrics.Summary;
import org.capsim.policy.PolicyException;
import org.capsim.record.ReplicationRecorder;
import org.capsim.scenario.Assignment;
import org.capsim.scenario.Scenario;
import org.capsim.testing.MemoryRecorder;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study API: what it runs, what it tells its listener and sinks, and how it fails; it prints nothing. */
class StudyPlanTest {

    private static final String SCENARIO = """
            name: study-check
            start: 2025-01-01
            horizon: 2025-01-31
            seed: 5
            replications: 2
            gpu-types: { H100: { peak-tflops: 989 } }
            providers:
              azure: { price-per-gpu-hour: 4 }
              stargate: { price-per-gpu-hour: 3 }
            sites:
              - { id: azure-us, provider: azure, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 64 } ] }
              - { id: abilene, provider: stargate, build-out: [ { date: 2025-01-10, gpu-type: H100, gpus: 64 } ] }
            demand:
              - { class: small, kind: sized, arrivals-per-day: 20, gpus: 8, hours: { exponential: { mean: 10 } },
                  reference-gpu: H100 }
            routing:
              policy: rofr
              rofr: { holder: azure, response-days: 1, max-start-delay-days: 2 }
            """;

    private static final List<String> POLICIES = List.of("rofr", "earliest-start");

    @TempDir
    Path dir;

    /** Sinks that keep what they are given, and a listener that counts. */
    private static final class Memory implements PointSink.Opener, StudyListener {
        final List<PointResult> finished = new ArrayList<>();
        final List<Integer> opened = new ArrayList<>();
        final List<Integer> started = new ArrayList<>();
        final AtomicInteger replicationsFinished = new AtomicInteger();
        int closed;

        @Override
        public PointSink open(SweepPoint point, boolean spareCoreForRows) {
            opened.add(point.number());
            return new PointSink() {
                @Override
                public Experiment.Recorders recorders() {
                    return (arm, replication) -> new MemoryRecorder();
                }

                @Override
                public void finish(PointResult result) {
                    finished.add(result);
                }

                @Override
                public void close() {
                    closed++;
                }
            };
        }

        @Override
        public void pointStarted(SweepPoint point, int points) {
            started.add(point.number());
        }

        @Override
        public void finished(int arm, int replication) {
            replicationsFinished.incrementAndGet();
        }

        @Override
        public void started(int arm, int replication, DoubleSupplier clock) {
            // counted when finished
        }
    }

    private SweepPoint point(int number, Scenario scenario) {
        return SweepPoint.of(number, List.of(new Assignment("seed", String.valueOf(number))), scenario,
                TestScenarios.registry(), POLICIES, new SweepPoint.Asked(null, (long) number, 2, null));
    }

    @Test
    void eachPointRunsIntoItsOwnSinkAsOneStudyWould() throws IOException {
        Scenario scenario = TestScenarios.load(dir, SCENARIO);
        StudyPlan plan = new StudyPlan(List.of(point(1, scenario), point(2, scenario)), null);
        Memory memory = new Memory();

        List<PointResult> results = plan.run(memory, memory);

        assertEquals(List.of(1, 2), memory.opened);
        assertEquals(List.of(1, 2), memory.started);
        assertEquals(2, memory.closed);
        assertEquals(results, memory.finished);
        assertEquals(2 * 2 * 2, memory.replicationsFinished.get(), "2 points x 2 policies x 2 replications");
        assertEquals(4 * 2, plan.firstTasks());
        for (PointResult result : results) {
            SweepPoint point = result.point();
            List<List<ReplicationResult>> alone = Study.run(scenario, point.deals(), point.options(), null,
                    (arm, replication) -> ReplicationRecorder.NONE, Experiment.Progress.NONE, Study.Growth.NONE).results();
            assertEquals(alone.stream().map(Summary::of).toList(), result.summaries());
            assertEquals(Comparison.of(POLICIES, alone), result.comparison());
            assertEquals(alone.stream().flatMap(List::stream).mapToLong(ReplicationResult::events).sum(), result.events());
            assertEquals(2, result.replications());
            assertNull(result.precision());
        }
        assertFalse(results.get(0).summaries().equals(results.get(1).summaries()), "the points' seeds differ");
    }

    @Test
    void aPolicyThatThrowsIsTheDealsOrThePlannersFailure() {
        SweepPoint point = point(1, TestScenarios.load(dir, SCENARIO));
        StudyFailure.PolicyFailed ours = assertThrows(StudyFailure.PolicyFailed.class, () -> StudyFailure.guard(point, () -> {
            throw new SimulationFailure(12.5, new PolicyException("rofr", "chose no pool", null));
        }));
        assertTrue(ours.builtIn());
        assertEquals(12.5, ours.hour());
        assertEquals("routing policy 'rofr' chose no pool", ours.getMessage());

        StudyFailure.PolicyFailed theirs = assertThrows(StudyFailure.PolicyFailed.class, () -> StudyFailure.guard(point, () -> {
            throw new SimulationFailure(1, new PolicyException("com.example.Mine", "threw", null));
        }));
        assertFalse(theirs.builtIn(), "a policy the deal does not know of is not capsim's");

        UncheckedIOException full = new UncheckedIOException(new IOException("No space left on device"));
        StudyFailure.OutputFailed output = assertThrows(StudyFailure.OutputFailed.class,
                () -> StudyFailure.guard(point, () -> {
                    throw full;
                }));
        assertEquals("No space left on device", output.getMessage());
        assertSame(full, output.getCause());
    }

    @Test
    void verifyingTellsOfEachDealThatRanTheSameTwice() {
        SweepPoint point = point(1, TestScenarios.load(dir, SCENARIO));
        List<String> verified = new ArrayList<>();
        Determinism.verify(point, (deal, result, seconds) -> {
            assertTrue(result.events() > 0 && seconds >= 0);
            verified.add(deal.label());
        });
        assertEquals(POLICIES, verified);
    }
}
