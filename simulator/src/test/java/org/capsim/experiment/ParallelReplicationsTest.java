package org.capsim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.capsim.metrics.ReplicationResult;
import org.capsim.scenario.Scenario;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many short replications on many threads give exactly the results of one thread: no shared
 * state leaks between replications (DSOL keeps some JVM-wide state, see Kernel.create).
 */
class ParallelReplicationsTest {

    @TempDir
    Path dir;

    @Test
    void manyThreadsSameResultsAsOne() {
        Scenario scenario = TestScenarios.load(dir, """
                name: parallel
                start: 2025-01-01
                horizon: 2025-01-02
                seed: 5
                gpu-types: { H100: { peak-tflops: 989 } }
                providers: { a: { price-per-gpu-hour: 1 }, b: { price-per-gpu-hour: 2 } }
                sites:
                  - { id: x, provider: a, build-out: [ { date: 2025-01-01, gpu-type: H100, gpus: 16 } ] }
                  - { id: y, provider: b, build-out: [ { date: 2025-01-01, gpu-type: H100, gpus: 16 } ] }
                demand:
                  - { class: w, kind: sized, arrivals-per-hour: 3, gpus: { choice: { 1: 0.5, 8: 0.5 } }, hours: 2 }
                routing: { policy: rofr, rofr: { holder: a, max-start-delay-days: 0.1 } }
                """);
        List<ReplicationResult> serial = TestScenarios.figures(scenario, 200, 1);
        for (int attempt = 0; attempt < 3; attempt++) {
            List<ReplicationResult> parallel = TestScenarios.figures(scenario, 200, 8);
            for (int r = 0; r < serial.size(); r++) {
                assertEquals(serial.get(r).metrics(), parallel.get(r).metrics(), "replication " + (r + 1));
                assertEquals(serial.get(r).digest(), parallel.get(r).digest(), "event sequence of replication " + (r + 1));
            }
        }
    }
}
