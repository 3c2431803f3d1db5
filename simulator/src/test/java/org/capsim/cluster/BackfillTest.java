package org.capsim.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.capsim.metrics.ReplicationResult;
import org.capsim.testing.MemoryRecorder;
import org.capsim.testing.MemoryRecorder.JobRow;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EASY backfill starts later jobs early without ever delaying the reserved start of the queue's head. */
class BackfillTest {

    @TempDir
    Path dir;

    /** Property: on random traces and build-outs, with and without failures, no head starts after its reservation. */
    @Test
    void backfillNeverDelaysTheHead() {
        Random random = new Random(20251123);
        int heads = 0;
        int backfilled = 0;
        List<String> late = new ArrayList<>();
        for (int scenario = 0; scenario < 60; scenario++) {
            int gpus = 16 + random.nextInt(113);
            StringBuilder trace = new StringBuilder("id,submit,gpus,hours\n");
            double submit = 0;
            for (int j = 0; j < 150; j++) {
                submit += random.nextDouble() * 3;
                trace.append(String.format(Locale.ROOT, "j%d,%.3f,%d,%.3f%n", j, submit,
                        1 + random.nextInt(random.nextBoolean() ? gpus : Math.max(1, gpus / 4)), 0.5 + random.nextDouble() * 30));
            }
            TestScenarios.write(dir, "t.csv", trace.toString());
            String extra = random.nextBoolean() ? "\n      - { date: 2025-01-04, gpu-type: H100, gpus: " + random.nextInt(64) + " }" : "";
            String failures = scenario % 2 == 0 ? "" : "failures: { gpu-mtbf-hours: 800, checkpoint-hours: 1, restart-hours: 0.25 }\n";
            String yaml = """
                    name: backfill
                    start: 2025-01-01
                    horizon: 2025-02-28
                    seed: %d
                    scheduling: easy-backfill
                    gpu-types:
                      H100: { peak-tflops: 989 }
                    providers:
                      lab: { price-per-gpu-hour: 2 }
                    sites:
                      - id: s
                        provider: lab
                        build-out:
                          - { date: 2024-12-01, gpu-type: H100, gpus: %d }%s
                    demand:
                      - { class: t, kind: trace, file: t.csv, time-unit: hours,
                          columns: { submit: submit, gpus: gpus, duration: hours, id: id } }
                    %s""".formatted(scenario + 1, gpus, extra, failures);
            MemoryRecorder record = TestScenarios.run(TestScenarios.load(dir, yaml), null, 1).first();
            for (JobRow job : record.jobs) {
                if (!Double.isNaN(job.reservedStart())) {
                    heads++;
                    if (Double.isNaN(job.start()) ? job.reservedStart() < record.pools.get(record.pools.size() - 1).time()
                            : job.start() > job.reservedStart() + 1e-9) {
                        late.add("scenario " + scenario + ": " + job);
                    }
                }
                for (JobRow earlier : record.jobs) {
                    if (earlier.arrival() < job.arrival() && !Double.isNaN(job.start())
                            && (Double.isNaN(earlier.start()) || earlier.start() > job.start())) {
                        backfilled++;
                        break;
                    }
                }
            }
        }
        System.out.printf("backfill property: %d reservations checked, %d jobs started ahead of an earlier one%n", heads,
                backfilled);
        assertTrue(heads > 100 && backfilled > 100, heads + " reservations, " + backfilled + " backfilled jobs: too few to test");
        assertTrue(late.isEmpty(), late.size() + " heads started after their reservation, e.g. " + late.subList(0, Math.min(3, late.size())));
    }

    /** On the shipped Philly trace, backfilling lowers the mean wait. */
    @Test
    void backfillLowersTheMeanWaitOnThePhillyTrace() throws Exception {
        Path shipped = TestScenarios.shipped("philly-replay");
        String yaml = Files.readString(shipped).replaceAll("(?m)^scheduling:.*$", "")
                .replace("file: traces/philly.csv", "file: " + shipped.getParent().resolve("traces/philly.csv").toAbsolutePath());
        double fifo = meanWait(yaml + "\nscheduling: fifo\n");
        double easy = meanWait(yaml + "\nscheduling: easy-backfill\n");
        System.out.printf("philly mean wait: fifo %.2f h, easy-backfill %.2f h%n", fifo, easy);
        assertTrue(easy < fifo, "easy-backfill " + easy + " h vs fifo " + fifo + " h");
    }

    private double meanWait(String yaml) {
        List<ReplicationResult> results = TestScenarios.figures(TestScenarios.load(dir, yaml), 1, 1);
        return results.get(0).metrics().get("wait_h_mean");
    }
}
