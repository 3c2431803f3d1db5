package org.capsim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.capsim.metrics.ReplicationResult;
import org.capsim.record.ReplicationRecorder;
import org.capsim.scenario.Assignment;
import org.capsim.scenario.Scenario;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A point resumed from the replications a killed run completed runs only the rest, with the same result. */
class ResumedTest {

    private static final String SCENARIO = """
            name: resume-check
            start: 2025-01-01
            horizon: 2025-01-31
            seed: 5
            gpu-types: { H100: { peak-tflops: 989 } }
            providers: { lab: { price-per-gpu-hour: 2 } }
            sites:
              - { id: s, provider: lab, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 16 } ] }
            demand:
              - { class: small, kind: sized, arrivals-per-day: 20, gpus: 1, hours: { exponential: { mean: 10 } } }
            routing: { policy: earliest-start }
            """;

    @TempDir
    Path dir;

    /** A sink that keeps the point's result and says it already holds {@code resumed}. */
    private static final class Sink implements PointSink.Opener {
        final List<List<ReplicationResult>> resumed;
        PointResult result;

        Sink(List<List<ReplicationResult>> resumed) {
            this.resumed = resumed;
        }

        @Override
        public PointSink open(SweepPoint point, boolean spareCoreForRows) {
            return new PointSink() {
                @Override
                public Experiment.Recorders recorders() {
                    return (arm, replication) -> ReplicationRecorder.NONE;
                }

                @Override
                public List<List<ReplicationResult>> resumed() {
                    return resumed;
                }

                @Override
                public void finish(PointResult done) {
                    result = done;
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** This JVM's threads, noting the replications asked for. */
    private static final class Asked implements ReplicationRunner {
        final List<int[]> batches = new ArrayList<>();
        final List<List<ReplicationResult>> all = List.of(new ArrayList<>(), new ArrayList<>());

        @Override
        public List<List<ReplicationResult>> run(SweepPoint point, int first, int last, Experiment.Recorders recorders,
                Experiment.Progress progress) {
            batches.add(new int[] {first, last});
            List<List<ReplicationResult>> results = THREADS.run(point, first, last, recorders, progress);
            for (int arm = 0; arm < results.size(); arm++) {
                all.get(arm).addAll(results.get(arm));
            }
            return results;
        }
    }

    @Test
    void targetCiBatchesResumeAndEndAsTheRunNeverInterrupted() throws IOException {
        Scenario scenario = TestScenarios.load(dir, SCENARIO);
        SweepPoint point = SweepPoint.of(1, List.<Assignment>of(), scenario, TestScenarios.registry(),
                List.of("earliest-start", "cheapest"), new SweepPoint.Asked(2, null, 2, null));
        // a target no batch reaches: batches 1..2, 3..4, 5..8, 9..12
        StudyPlan plan = new StudyPlan(List.of(point), new Precision(1e-6, 12));
        Sink whole = new Sink(List.of());
        Asked uninterrupted = new Asked();
        plan.run(whole, StudyListener.NONE, uninterrupted);
        assertEquals(12, whole.result.replications());

        // killed after replication 5 of both policies: it is in the middle of the third batch
        List<List<ReplicationResult>> kept = uninterrupted.all.stream().map(arm -> List.copyOf(arm.subList(0, 5))).toList();
        Sink resumed = new Sink(kept);
        Asked rest = new Asked();
        plan.run(resumed, StudyListener.NONE, rest);

        assertEquals(List.of("6..8", "9..12"), rest.batches.stream().map(b -> b[0] + ".." + b[1]).toList(),
                "only what was not kept runs, in the same batches");
        assertEquals(whole.result.summaries(), resumed.result.summaries());
        assertEquals(whole.result.comparison(), resumed.result.comparison());
        assertEquals(whole.result.precision(), resumed.result.precision());
        assertEquals(whole.result.events(), resumed.result.events());
        assertTrue(resumed.result.summaries().get(0).metrics().get("wait_h_mean").n() == 12);
    }
}
