package org.capsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.capsim.model.JobStatus;
import org.capsim.testing.MemoryRecorder;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strict FIFO gang scheduling on hand-computed schedules: exact start and end times. */
class GangSchedulingTest {

    @TempDir
    Path dir;

    private MemoryRecorder replay(int gpus, String extraTranches, String... traces) {
        StringBuilder demand = new StringBuilder();
        for (int i = 0; i < traces.length; i++) {
            String[] parts = traces[i].split("\\|", 2); // "priority|csv"
            TestScenarios.write(dir, "t" + i + ".csv", "id,submit,gpus,hours\n" + parts[1]);
            demand.append("  - { class: c").append(i).append(", kind: trace, file: t").append(i)
                    .append(".csv, priority: ").append(parts[0])
                    .append(", columns: { submit: submit, gpus: gpus, duration: hours, id: id }, time-unit: hours }\n");
        }
        String yaml = """
                name: gang
                start: 2025-01-01
                horizon: 2025-01-31
                gpu-types: { H100: { peak-tflops: 989 } }
                providers: { lab: { price-per-gpu-hour: 2 } }
                sites:
                  - id: s
                    provider: lab
                    build-out:
                      - { date: 2024-12-01, gpu-type: H100, gpus: %d }
                %s
                demand:
                %s
                routing: { policy: earliest-start }
                """.formatted(gpus, extraTranches, demand);
        return TestScenarios.run(TestScenarios.load(dir, yaml), null, 1).first();
    }

    private static void assertRun(MemoryRecorder run, String id, double start, double end) {
        MemoryRecorder.JobRow job = run.job(id);
        assertEquals(start, job.start(), 1e-9, id + " start");
        assertEquals(end, job.end(), 1e-9, id + " end");
    }

    /** A job that does not fit blocks those behind it, even small ones that would fit. */
    @Test
    void headOfQueueBlocksSmallerJobsBehindIt() {
        MemoryRecorder run = replay(8, "", "0|a,0,4,10\nb,1,8,5\nc,2,2,3\nd,3,4,2\ne,4,1,1\n");
        assertRun(run, "a", 0, 10);
        assertRun(run, "b", 10, 15);  // needs all 8 GPUs: waits for a
        assertRun(run, "c", 15, 18);  // 4 GPUs were free from t=2, but b is ahead
        assertRun(run, "d", 15, 17);
        assertRun(run, "e", 15, 16);
        assertEquals(13, run.job("c").start() - run.job("c").arrival(), 1e-9);
        assertEquals(2 * 4 * 10, run.job("a").costUsd(), 1e-9); // gpus x hours x price
    }

    /** Higher priority starts first; FIFO within a priority. */
    @Test
    void higherPriorityGoesFirst() {
        MemoryRecorder run = replay(8, "", "0|low1,0,8,10\nlow2,1,8,1\nlow3,3,8,1\n", "5|high,2,8,1\n");
        assertRun(run, "low1", 0, 10);
        assertRun(run, "high", 10, 11);   // queued after low2, but of higher priority
        assertRun(run, "low2", 11, 12);
        assertRun(run, "low3", 12, 13);
    }

    /** Capacity arrives at its tranche date; nothing starts on GPUs that are not there yet. */
    @Test
    void jobWaitsForTrancheAndBlocksQueue() {
        MemoryRecorder run = replay(4, "      - { date: 2025-01-02, gpu-type: H100, gpus: 4 }",
                "0|big,0,8,5\nsmall,1,2,1\n");
        assertRun(run, "big", 24, 29);     // the second tranche makes 8 GPUs at t=24
        assertRun(run, "small", 29, 30);   // 4 GPUs idle from t=1 to 24, but strict FIFO keeps it behind big
    }

    /** The largest job a pool takes is its peak believed capacity: a tranche before a retirement counts. */
    @Test
    void largestJobIsThePeakOfTheBuildOut() {
        MemoryRecorder run = replay(8, "      - { date: 2025-01-02, gpu-type: H100, gpus: 8 }\n"
                + "      - { date: 2025-01-03, gpu-type: H100, retire-gpus: 12 }", "0|big,0,16,10\nover,0,17,1\n");
        assertRun(run, "big", 24, 34);   // fits only while both tranches are there; the retirement waits for it
        assertEquals(JobStatus.REJECTED, run.job("over").status());
    }

    /** A retirement waits for running jobs; jobs needing more than the pool will ever have are rejected. */
    @Test
    void retirementWaitsForRunningJobs() {
        MemoryRecorder run = replay(8, "      - { date: 2025-01-02, gpu-type: H100, retire-gpus: 4 }",
                "0|long,0,8,48\nafter,30,4,1\ntoo-big,31,8,1\n");
        assertRun(run, "long", 0, 48);    // never cut short by the retirement at t=24
        assertRun(run, "after", 48, 49);
        assertEquals(JobStatus.REJECTED, run.job("too-big").status());
        // installed stays 8 while the retirement waits for busy GPUs, then drops to 4
        Map<Double, Integer> installed = new java.util.TreeMap<>();
        run.pools.forEach(p -> installed.put(p.time(), p.installed()));
        assertEquals(8, installed.get(24.0));
        assertEquals(4, installed.get(48.0));
    }

    /** A job larger than any pool will ever be is rejected and counted, not dropped. */
    @Test
    void oversizedJobIsRejectedAndCounted() {
        MemoryRecorder run = replay(8, "", "0|ok,0,8,1\nhuge,1,9,1\n");
        assertEquals(JobStatus.REJECTED, run.job("huge").status());
        assertEquals(JobStatus.COMPLETED, run.job("ok").status());
        assertEquals(2, run.jobs.size());
    }

    /** Jobs still running or queued at the horizon are reported as such. */
    @Test
    void openJobsAtHorizon() {
        // horizon ends at 24:00 of 2025-01-31, t = 744 h
        MemoryRecorder run = replay(8, "", "0|runs,700,8,100\nqueued,701,8,1\n");
        assertEquals(JobStatus.RUNNING, run.job("runs").status());
        assertEquals(8 * 44, run.job("runs").gpuHours(), 1e-9); // held until the horizon
        assertEquals(JobStatus.WAITING, run.job("queued").status());
        assertTrue(Double.isNaN(run.job("queued").start()));
    }
}
