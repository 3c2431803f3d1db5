package org.capsim.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.capsim.metrics.ReplicationResult;
import org.capsim.testing.MemoryRecorder;
import org.capsim.testing.MemoryRecorder.PoolRow;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An inference reservation holds GPUs back from training at its provider, never by killing a job. */
class InferenceReservationTest {

    private static final String SCENARIO = """
            name: inference
            start: 2025-01-01
            horizon: 2025-06-30
            seed: 4
            gpu-types:
              H100: { peak-tflops: 989 }
              GB200: { peak-tflops: 2500 }
            providers:
              azure: { price-per-gpu-hour: 2 }
              oracle: { price-per-gpu-hour: 3 }
            sites:
              - id: azure-us
                provider: azure
                build-out:
                  - { date: 2024-12-01, gpu-type: H100, gpus: 600 }
                  - { date: 2025-03-01, gpu-type: GB200, gpus: 400 }
              - id: oci
                provider: oracle
                build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 1000 } ]
            demand:
              - class: work
                kind: sized
                arrivals-per-day: 20
                gpus: { choice: { 16: 0.5, 64: 0.4, 256: 0.1 } }
                hours: { uniform: [10, 60] }
                reference-gpu: H100
            %s
            routing:
              policy: earliest-start
            """;

    private static final String API = """
              - class: api
                kind: inference
                provider: azure
                reserve-gpus: [ { date: 2025-01-01, gpus: 300 }, { date: 2025-04-01, gpus: 700 } ]""";

    @TempDir
    Path dir;

    /** Training at Azure loses GPU-hours to the reservation; the rest of the demand goes to Oracle. */
    @Test
    void aReservationAtAzureLowersTrainingThere() {
        ReplicationResult without = TestScenarios.figures(TestScenarios.load(dir, SCENARIO.formatted("")), 1, 1).get(0);
        TestScenarios.Run run = TestScenarios.run(TestScenarios.load(dir, SCENARIO.formatted(API.indent(2))), null, 1);
        ReplicationResult with = run.results().get(0);
        double azureBefore = without.providers().get("azure").get("gpu_hours");
        double azureAfter = with.providers().get("azure").get("gpu_hours");
        System.out.printf("azure training GPU-hours: %.0f without the reservation, %.0f with it%n", azureBefore, azureAfter);
        assertTrue(azureAfter < 0.8 * azureBefore, azureAfter + " vs " + azureBefore);
        assertTrue(with.providers().get("oracle").get("gpu_hours") > without.providers().get("oracle").get("gpu_hours"));
        assertTrue(with.providers().get("azure").get("reserved_gpu_hours") > 0);
        assertEquals(0.0, with.providers().get("oracle").get("reserved_gpu_hours"));

        // the reservation, split over Azure's pools by their GPUs, is held in full once jobs make room
        MemoryRecorder record = run.first();
        assertEquals(300, reservedAt(record, "azure-us", 60 * 24));
        assertEquals(700, reservedAt(record, "azure-us", 150 * 24));
        for (PoolRow row : record.pools) {
            assertTrue(row.reserved() + row.busy() <= row.installed(), "GPU conservation: " + row);
        }
    }

    /** The split rule: proportional to the pools' GPUs, largest remainder, capped by what each has. */
    @Test
    void splitByLargestRemainder() {
        assertArrayEquals(new long[] {34, 33, 33}, Reservations.shares(100, new long[] {300, 300, 300}));
        assertArrayEquals(new long[] {60, 40}, Reservations.shares(100, new long[] {600, 400}));
        assertArrayEquals(new long[] {10, 5}, Reservations.shares(100, new long[] {10, 5}));
        assertArrayEquals(new long[] {0, 0}, Reservations.shares(100, new long[] {0, 0}));
        assertArrayEquals(new long[] {1, 0, 0}, Reservations.shares(1, new long[] {1, 1, 1}));
        assertArrayEquals(new long[] {666_666_667, 333_333_333},
                Reservations.shares(1_000_000_000, new long[] {2_000_000_000, 1_000_000_000}));
    }

    /** Sum over a site's pools of the GPUs reserved at the last row at or before {@code time}. */
    private static int reservedAt(MemoryRecorder record, String site, double time) {
        java.util.Map<Integer, Integer> latest = new java.util.HashMap<>();
        for (PoolRow row : record.pools) {
            if (row.site().equals(site) && row.time() <= time) {
                latest.put(row.pool(), row.reserved());
            }
        }
        return latest.values().stream().mapToInt(Integer::intValue).sum();
    }
}
