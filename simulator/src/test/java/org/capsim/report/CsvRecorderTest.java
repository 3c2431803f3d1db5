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

import org.capsim.cluster.Job;
import org.capsim.workload.JobClass;
import org.capsim.workload.JobSize;
import org.capsim.model.Calendar;
import org.junit.jupiter.api.Test;

/** The recorder's two ways to make rows into text: on the simulation's thread, or on a writer thread. */
class CsvRecorderTest {

    private static final Calendar CALENDAR = new Calendar(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1));
    private static final JobClass CLASS = new JobClass("train", 0, 1);

    /** Jobs that never ran (no pool needed): enough rows to fill several batches. */
    private static void record(CsvRecorder recorder, int jobs) {
        for (int i = 0; i < jobs; i++) {
            Job job = new Job(i, "job-" + i, CLASS, i * 0.25, new JobSize.Compute(1e21 * (i + 1), 0.4, 48, 1024));
            recorder.jobEnded(job, 100);
        }
        recorder.finish(List.of(), 8760);
    }

    @Test
    void aWriterThreadWritesTheSameBytesInTheSameOrder() {
        ByteArrayOutputStream jobsHere = new ByteArrayOutputStream();
        ByteArrayOutputStream jobsThere = new ByteArrayOutputStream();
        try (CsvRecorder here = new CsvRecorder(jobsHere, new ByteArrayOutputStream(), "p", 1, CALENDAR, false, null, false)) {
            record(here, 5 * RowBatch.ROWS + 17);
        }
        try (CsvRecorder there = new CsvRecorder(jobsThere, new ByteArrayOutputStream(), "p", 1, CALENDAR, false, null, true)) {
            record(there, 5 * RowBatch.ROWS + 17);
        }
        String text = jobsHere.toString(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(5 * RowBatch.ROWS + 17, text.lines().count());
        assertTrue(text.startsWith("p,1,job-0,train,0,,,,,,,,"), text.substring(0, 60));
        assertArrayEquals(jobsHere.toByteArray(), jobsThere.toByteArray());
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
                    true)) {
                record(recorder, 40 * RowBatch.ROWS);
            }
        });
        assertTrue(e.getMessage().startsWith("cannot write the report: No space left on device"), e.getMessage());
    }
}
