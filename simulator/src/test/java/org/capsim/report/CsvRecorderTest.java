package org.capsim.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;

import org.capsim.model.Calendar;
import org.capsim.model.JobStatus;
import org.capsim.model.RofrOutcome;
import org.capsim.record.JobRecord;
import org.capsim.record.PoolId;
import org.capsim.record.PoolSample;
import org.capsim.workload.JobClass;
import org.capsim.workload.JobSize;
import org.junit.jupiter.api.Test;

/** jobs.csv and sites.csv rows from a replication's records, made into text on either thread. */
class CsvRecorderTest {

    private static final Calendar CALENDAR = new Calendar(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1));
    private static final JobClass CLASS = new JobClass("train", 0, 1);
    private static final PoolId AZURE = new PoolId(0, "fairwater", "azure", "GB200", 3.5);
    private static final PoolId ORACLE = new PoolId(1, "abilene", "oracle", "H100", 2.0);

    /** A job that never ran (rejected on arrival): no pool, no start. */
    private static JobRecord unplaced(int i) {
        return new JobRecord("job-" + i, CLASS, new JobSize.Compute(1e21 * (i + 1), 0.4, 48, 1024), i * 0.25, null,
                JobStatus.REJECTED, RofrOutcome.NONE, Double.NaN, -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, 1, Double.NaN, Double.NaN, 0, 0, 0, i * 0.25, Double.NaN);
    }

    /** A job that ran {@code gpus} GPUs at {@code pool} from {@code start}; ended at {@code end} or still running at {@code at}. */
    private static JobRecord placed(String id, PoolId pool, double arrival, double start, double end, int gpus, double at) {
        boolean done = !Double.isNaN(end);
        double until = done ? end : at;
        double gpuHours = gpus * (until - start);
        return new JobRecord(id, CLASS, new JobSize.OnReference(gpus, 10, Double.NaN), arrival, pool,
                done ? JobStatus.COMPLETED : JobStatus.RUNNING, RofrOutcome.ACCEPTED, arrival, gpus, 10, 10, start, end,
                gpuHours * pool.pricePerGpuHour(), 1, start - 1, Double.NaN, 0, gpuHours, gpuHours, at, gpus * 10.0);
    }

    private static PoolSample sample(PoolId pool, double time, int installed, int busy, int queuedJobs) {
        return new PoolSample(pool, time, installed, installed, 0, busy, queuedJobs, queuedJobs * 8L, installed, Double.NaN);
    }

    /** Enough rows of both files to fill several batches: jobs never placed, placed ones, pool changes. */
    private static void record(CsvRecorder recorder, int jobs) {
        for (int i = 0; i < jobs; i++) {
            recorder.jobEnded(i % 3 == 0 ? placed("job-" + i, i % 2 == 0 ? AZURE : ORACLE, i, i + 0.5, i + 10.5, 8, i + 10.5)
                    : unplaced(i));
            recorder.poolChanged(sample(i % 2 == 0 ? AZURE : ORACLE, i, 64, i % 64, i % 5));
        }
        recorder.finish(List.of(sample(AZURE, 8760, 64, 0, 0), sample(ORACLE, 8760, 64, 0, 0)));
    }

    private static String text(ByteArrayOutputStream out) {
        return out.toString(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void aWriterThreadWritesTheSameBytesInTheSameOrder() {
        ByteArrayOutputStream jobsHere = new ByteArrayOutputStream();
        ByteArrayOutputStream sitesHere = new ByteArrayOutputStream();
        ByteArrayOutputStream jobsThere = new ByteArrayOutputStream();
        ByteArrayOutputStream sitesThere = new ByteArrayOutputStream();
        try (CsvRecorder here = new CsvRecorder(jobsHere, sitesHere, "p", 1, CALENDAR, false, null, false, CsvRecorder.Extra.NONE)) {
            record(here, 5 * RowBatch.ROWS + 17);
        }
        try (CsvRecorder there = new CsvRecorder(jobsThere, sitesThere, "p", 1, CALENDAR, false, null, true, CsvRecorder.Extra.NONE)) {
            record(there, 5 * RowBatch.ROWS + 17);
        }
        String jobs = text(jobsHere);
        assertEquals(5 * RowBatch.ROWS + 17, jobs.lines().count());
        assertTrue(jobs.startsWith("p,1,job-0,train,0,fairwater,azure,GB200,accepted,0.5,10.5,0.5,8,80,280,0,completed,10,"
                + "-0.5,,,\n" // Chinchilla: params = sqrt(flops / 120), tokens = 20 params
                + "p,1,job-1,train,0.25,,,,,,,,,0,0,0,rejected,,,2e21,4082482904.63863,81649658092.772592\n"),
                jobs.substring(0, 240));
        // one row per pool change (each at its own instant), then both pools at the horizon
        String sites = text(sitesHere);
        assertEquals(5 * RowBatch.ROWS + 17 + 2, sites.lines().count());
        assertTrue(sites.startsWith("p,1,0,2025-01-01,fairwater,azure,GB200,64,0,0,0,0\n"
                + "p,1,1,2025-01-01,abilene,oracle,H100,64,0,1,1,8\n"), sites.substring(0, 120));
        assertTrue(sites.endsWith("p,1,8760,2026-01-01,fairwater,azure,GB200,64,0,0,0,0\n"
                + "p,1,8760,2026-01-01,abilene,oracle,H100,64,0,0,0,0\n"), sites.substring(sites.length() - 120));
        assertArrayEquals(jobsHere.toByteArray(), jobsThere.toByteArray());
        assertArrayEquals(sitesHere.toByteArray(), sitesThere.toByteArray());
    }

    /** Changes at one instant make one row per pool, with the pool's last state, in pool order. */
    @Test
    void changesAtOneInstantMakeOneRowPerPoolInPoolOrder() {
        ByteArrayOutputStream sites = new ByteArrayOutputStream();
        try (CsvRecorder recorder = new CsvRecorder(new ByteArrayOutputStream(), sites, "rofr", 2, CALENDAR, false, null,
                false, CsvRecorder.Extra.NONE)) {
            recorder.poolChanged(sample(ORACLE, 24, 64, 8, 0));
            recorder.poolChanged(sample(AZURE, 24, 32, 16, 0));
            recorder.poolChanged(sample(ORACLE, 24, 64, 24, 2));
            recorder.poolChanged(sample(AZURE, 48.5, 32, 0, 0));
            recorder.finish(List.of(sample(AZURE, 96, 32, 0, 0), sample(ORACLE, 96, 64, 0, 0)));
        }
        assertEquals("""
                rofr,2,24,2025-01-02,fairwater,azure,GB200,32,0,16,0,0
                rofr,2,24,2025-01-02,abilene,oracle,H100,64,0,24,2,16
                rofr,2,48.5,2025-01-03,fairwater,azure,GB200,32,0,0,0,0
                rofr,2,96,2025-01-05,fairwater,azure,GB200,32,0,0,0,0
                rofr,2,96,2025-01-05,abilene,oracle,H100,64,0,0,0,0
                """, text(sites));
    }

    /** A disk that fails under the writer thread fails the replication with the file error, not a hang. */
    @Test
    void aWriteFailureOnTheWriterThreadReachesTheSimulation() {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
            try (CsvRecorder recorder = new CsvRecorder(failing, new ByteArrayOutputStream(), "p", 1, CALENDAR, false, null,
                    true, CsvRecorder.Extra.NONE)) {
                record(recorder, 40 * RowBatch.ROWS);
            }
        });
        assertTrue(e.getMessage().startsWith("cannot write the report: No space left on device"), e.getMessage());
    }
}
