package org.capsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.capsim.experiment.Experiment;
import org.capsim.experiment.RunOptions;
import org.capsim.model.JobStatus;
import org.capsim.policy.PolicyRegistry;
import org.capsim.replication.Deal;
import org.capsim.scenario.Scenario;
import org.capsim.testing.MemoryRecorder;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Law: at a power-capped site whose power steps and tranches are certain, a job's start estimate
 * at routing is the start it gets unless another job came to its site in between: the stranded
 * GPUs and their planned changes are foreseen, under FIFO and EASY backfill alike.
 */
class PowerPromiseLawTest {

    private static final long SEED = Long.getLong("capsim.power.promise.seed", 20261207L);
    private static final int SCENARIOS = 80;

    @TempDir
    Path dir;

    @Test
    void estimatesAtPowerCappedSitesAreTheStarts() {
        Random random = new Random(SEED);
        int covered = 0;
        int waited = 0;
        List<String> wrong = new ArrayList<>();
        for (int n = 0; n < SCENARIOS && wrong.isEmpty(); n++) {
            String yaml = randomScenario(n, random);
            Scenario scenario = TestScenarios.load(dir.resolve("s" + n), yaml);
            EasyPromiseLawTest.PromisePolicy.ESTIMATES.clear();
            EasyPromiseLawTest.PromisePolicy.ORDER.clear();
            EasyPromiseLawTest.PromisePolicy.APPROXIMATE.clear();
            MemoryRecorder record = new MemoryRecorder();
            Experiment.run(scenario, Deal.of(new PolicyRegistry.Entry("promise", "", EasyPromiseLawTest.PromisePolicy.class,
                    "test")), new RunOptions(1, 1, 1, 0), r -> record, Experiment.Progress.NONE);
            for (MemoryRecorder.JobRow job : record.jobs) {
                if (job.status() != JobStatus.COMPLETED && job.status() != JobStatus.RUNNING
                        || EasyPromiseLawTest.PromisePolicy.APPROXIMATE.contains(job.id())
                        || laterArrival(record, job)) {
                    continue;
                }
                double estimate = EasyPromiseLawTest.PromisePolicy.ESTIMATES.get(job.id());
                covered++;
                waited += job.start() > job.arrival() ? 1 : 0;
                if (Double.compare(estimate, job.start()) != 0 && wrong.size() < 5) {
                    wrong.add(String.format(Locale.ROOT, "scenario %d, %s (%d GPUs) at %s: arrived %.4f, estimated %s, "
                            + "started %s%n%s", n, job.id(), job.gpus(), job.site(), job.arrival(), estimate, job.start(),
                            yaml));
                }
            }
        }
        System.out.printf(Locale.ROOT, "power promise law: %d starts equal to their estimate at power-capped sites, %d "
                + "after a wait (seed %d)%n", covered, waited, SEED);
        assertEquals(List.of(), wrong);
        assertTrue(covered > 1000, "too few jobs checked: " + covered);
        assertTrue(waited > 100, "too few jobs checked that waited: " + waited);
    }

    /** Whether a job routed after {@code job} came to its site before it started. */
    private static boolean laterArrival(MemoryRecorder record, MemoryRecorder.JobRow job) {
        int order = EasyPromiseLawTest.PromisePolicy.ORDER.get(job.id());
        for (MemoryRecorder.JobRow other : record.jobs) {
            if (other.site() != null && other.site().equals(job.site()) && other.arrival() <= job.start()
                    && EasyPromiseLawTest.PromisePolicy.ORDER.getOrDefault(other.id(), -1) > order) {
                return true;
            }
        }
        return false;
    }

    private static String randomScenario(int n, Random random) {
        StringBuilder sites = new StringBuilder();
        for (int s = 0; s < 1 + random.nextInt(2); s++) {
            sites.append(String.format(Locale.ROOT, """
                      - id: s%d
                        provider: p%d
                        power:
                          - { date: 2025-01-01, megawatts: %.3f }
                          - { date: 2025-01-%02d, megawatts: %.3f }
                          - { date: 2025-01-%02d, megawatts: %.3f }
                        build-out:
                          - { date: 2024-12-01, gpu-type: H100, gpus: %d }
                          - { date: 2025-01-%02d, gpu-type: GB200, gpus: %d }
                    """, s, s % 2, 0.05 + random.nextDouble() * 0.1, 3 + random.nextInt(5),
                    0.15 + random.nextDouble() * 0.15, 9 + random.nextInt(8), 0.3 + random.nextDouble() * 0.3,
                    60 + random.nextInt(100), 2 + random.nextInt(12), 40 + random.nextInt(80)));
        }
        return String.format(Locale.ROOT, """
                name: power-promise-%d
                start: 2025-01-01
                horizon: 2025-01-19
                seed: %d
                scheduling: %s
                gpu-types: { H100: { peak-tflops: 989, kw-per-gpu: 1.4 }, GB200: { peak-tflops: 2500, kw-per-gpu: 2.2 } }
                providers: { p0: { price-per-gpu-hour: 2 }, p1: { price-per-gpu-hour: 1.5 } }
                sites:
                %sdemand:
                  - { class: jobs, kind: sized, arrivals-per-day: %d, gpus: { choice: { 8: 0.3, 32: 0.4, 64: 0.3 } },
                      hours: { exponential: { mean: 30 } } }
                """, n, n + 1, random.nextBoolean() ? "fifo" : "easy-backfill", sites.toString().indent(0)
                .replaceAll("(?m)^", ""), 4 + random.nextInt(10));
    }
}
