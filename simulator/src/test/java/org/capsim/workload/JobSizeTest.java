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
    void elasticCandidatesHalveDownToTheMinimumFraction() {
        // 38,581 GB200 at full size (see above)
        JobSize.Compute quarter = new JobSize.Compute(3e26, 0.4, 90 * 24, Integer.MAX_VALUE, 0.25);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {38_581, 19_291, 9_646}, quarter.candidates(GB200));
        assertEquals(9_646, quarter.minGpus(GB200));
        // a fraction between halvings stops at the last halving above it
        JobSize.Compute third = new JobSize.Compute(3e26, 0.4, 90 * 24, Integer.MAX_VALUE, 0.3);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {38_581, 19_291}, third.candidates(GB200));
        // small runs: sizes that round to the same count appear once
        JobSize.Compute tiny = new JobSize.Compute(2 * 2500e12 * 0.4 * 3600, 0.4, 1, Integer.MAX_VALUE, 0.125);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {2, 1}, tiny.candidates(GB200));
        // at any size the work is the same: GPU-hours do not change
        assertEquals(quarter.hoursOn(GB200, 38_581) * 38_581, quarter.hoursOn(GB200, 9_646) * 9_646, 1e-6);
        // not elastic: only the full size
        assertEquals(false, new JobSize.Compute(3e26, 0.4, 90 * 24, Integer.MAX_VALUE).elastic());
        assertEquals(38_581, new JobSize.Compute(3e26, 0.4, 90 * 24, Integer.MAX_VALUE).minGpus(GB200));
    }

    @Test
    void demandIsFullSizeGpuHoursOnTheReference() {
        JobSize.Compute job = new JobSize.Compute(3e26, 0.4, 90 * 24, 10_000, 0.25);
        assertEquals(3e26 / (989e12 * 0.4) / 3600, job.demandGpuHours(H100), 1e-6);
        assertEquals(64 * 10, new JobSize.OnReference(64, 10, 989).demandGpuHours(GB200), 1e-12);
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
