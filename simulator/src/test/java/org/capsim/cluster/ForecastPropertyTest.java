package org.capsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.capsim.experiment.Experiment;
import org.capsim.experiment.RunOptions;
import org.capsim.model.JobStatus;
import org.capsim.policy.Decision;
import org.capsim.policy.FleetView;
import org.capsim.policy.JobRequest;
import org.capsim.policy.PolicyRegistry;
import org.capsim.policy.PoolChoice;
import org.capsim.policy.PoolView;
import org.capsim.policy.RoutingPolicy;
import org.capsim.replication.Deal;
import org.capsim.scenario.Scenario;
import org.capsim.testing.MemoryRecorder;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Law: with deterministic run times and one priority, the earliest-start estimate a policy gets
 * when it places a job is exactly when the job starts (random traces, build-outs, retirements).
 */
class ForecastPropertyTest {

    /** Places each job at its earliest-start pool and remembers the estimate. */
    public static final class ProbePolicy implements RoutingPolicy {
        static final Map<String, Double> ESTIMATES = new HashMap<>();

        @Override
        public String name() {
            return "probe";
        }

        @Override
        public Decision route(JobRequest job, FleetView fleet) {
            PoolView pool = PoolChoice.earliestStart(job, fleet, p -> true);
            if (pool == null) {
                return Decision.reject("never fits");
            }
            ESTIMATES.put(job.id(), fleet.earliestStart(job, pool));
            return Decision.place(pool);
        }
    }

    @TempDir
    Path dir;

    @Test
    void estimateAtPlacementIsTheActualStart() {
        Random random = new Random(20250121);
        int checked = 0;
        for (int scenario = 0; scenario < 150; scenario++) {
            checked += runRandom(random, scenario);
        }
        System.out.println("forecast property: " + checked + " job starts checked in 150 random scenarios");
        assertTrue(checked > 5000, "too few jobs checked: " + checked);
    }

    private int runRandom(Random random, int index) {
        LocalDate start = LocalDate.of(2025, 1, 1);
        StringBuilder sites = new StringBuilder();
        int siteCount = 1 + random.nextInt(2);
        for (int s = 0; s < siteCount; s++) {
            sites.append("  - id: s").append(s).append("\n    provider: p\n    build-out:\n");
            for (String type : random.nextBoolean() ? List.of("A") : List.of("A", "B")) {
                long level = 0;
                int day = -1;
                for (int t = 0; t < 1 + random.nextInt(4); t++) {
                    boolean retire = level > 0 && random.nextInt(4) == 0;
                    long gpus = retire ? 1 + random.nextInt((int) level) : random.nextInt(33);
                    level += retire ? -gpus : gpus;
                    sites.append("      - { date: ").append(start.plusDays(day)).append(", gpu-type: ").append(type)
                            .append(retire ? ", retire-gpus: " : ", gpus: ").append(gpus).append(" }\n");
                    day += random.nextInt(6);
                }
            }
        }
        StringBuilder trace = new StringBuilder("id,submit,gpus,hours\n");
        int jobs = 20 + random.nextInt(120);
        for (int j = 0; j < jobs; j++) {
            // whole hours make many simultaneous events, the hard case for ordering
            double submit = random.nextInt(200);
            double hours = random.nextBoolean() ? 1 + random.nextInt(30) : random.nextDouble() * 40;
            trace.append("j").append(j).append(',').append(submit).append(',').append(1 + random.nextInt(40))
                    .append(',').append(hours).append('\n');
        }
        Path folder = dir.resolve("s" + index);
        TestScenarios.write(folder, "t.csv", trace.toString());
        String yaml = """
                name: forecast
                start: 2025-01-01
                horizon: 2025-01-20
                gpu-types: { A: { peak-tflops: 1000 }, B: { peak-tflops: 2000 } }
                providers: { p: { price-per-gpu-hour: 1 } }
                sites:
                %s
                demand:
                  - { class: t, kind: trace, file: t.csv, time-unit: hours,
                      columns: { submit: submit, gpus: gpus, duration: hours, id: id } }
                """.formatted(sites);
        Scenario scenario = TestScenarios.load(folder, yaml);
        ProbePolicy.ESTIMATES.clear();
        MemoryRecorder record = new MemoryRecorder();
        Experiment.run(scenario, Deal.of(new PolicyRegistry.Entry("probe", "", ProbePolicy.class, "test")),
                new RunOptions(1, 1, 1, 0), r -> record, Experiment.Progress.NONE);
        int checked = 0;
        List<String> wrong = new ArrayList<>();
        double end = scenario.endHours();
        for (MemoryRecorder.JobRow job : record.jobs) {
            Double estimate = ProbePolicy.ESTIMATES.get(job.id());
            if (job.status() == JobStatus.REJECTED) {
                continue;
            }
            if (job.status() == JobStatus.WAITING) {
                assertTrue(estimate >= end, job.id() + " still waits at the end but was estimated to start at " + estimate);
                continue;
            }
            checked++;
            if (Math.abs(estimate - job.start()) > 1e-9) {
                wrong.add(job.id() + ": estimated " + estimate + ", started " + job.start());
            }
        }
        assertEquals(List.of(), wrong, "scenario " + index + ":\n" + yaml + trace);
        return checked;
    }
}
