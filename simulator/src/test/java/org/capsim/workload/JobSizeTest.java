package org.capsim.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.capsim.model.GpuType;
import org.capsim.workload.JobSize;
import org.junit.jupiter.api.Test;

/** Scaling-law sizing: gpus = ceil(flops / (peak * mfu * target)); reference hours scale by peak. */
class JobSizeTest {

    private static final GpuType H100 = new GpuType("H100", 989, 1.5, Double.NaN);
    private static final GpuType GB200 = new GpuType("GB200", 2500, 2.2, Double.NaN);

    @Test
    void computeSizingOnTwoGpuTypes() {
        JobSize.Compute job = new JobSize.Compute(3e26, 0.4, 90 * 24, Integer.MAX_VALUE);
        double seconds = 90 * 24 * 3600.0;
        assertEquals((int) Math.ceil(3e26 / (989e12 * 0.4 * seconds)), job.gpus(H100));
        assertEquals((int) Math.ceil(3e26 / (2500e12 * 0.4 * seconds)), job.gpus(GB200));
        assertEquals(97_524, job.gpus(H100));
        assertEquals(38_581, job.gpus(GB200));
        // run time follows from the GPUs it gets: a little under the target because of rounding up
        assertEquals(3e26 / (38_581 * 2500e12 * 0.4) / 3600, job.hours(GB200), 1e-9);
    }

    @Test
    void capStretchesTheRun() {
        JobSize.Compute job = new JobSize.Compute(3e26, 0.4, 90 * 24, 10_000);
        assertEquals(10_000, job.gpus(GB200));
        assertEquals(3e26 / (10_000 * 2500e12 * 0.4) / 3600, job.hours(GB200), 1e-9);
    }

    @Test
    void referenceHoursShrinkOnFasterTypes() {
        JobSize.OnReference job = new JobSize.OnReference(64, 10, 989);
        assertEquals(10, job.hours(H100), 1e-12);
        assertEquals(10 * 989 / 2500.0, job.hours(GB200), 1e-12);
        assertEquals(64, job.gpus(GB200));
        assertEquals(10, new JobSize.OnReference(64, 10, Double.NaN).hours(GB200), 1e-12);
    }
}
