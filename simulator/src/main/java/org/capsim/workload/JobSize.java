package org.capsim.workload;

import org.capsim.model.GpuType;

/**
 * How big a job is on a given GPU type: the GPU count it gang-schedules and its run time there.
 * Sizes are described once per job and resolved per pool, so policies can compare pools.
 */
public sealed interface JobSize {

    /** GPUs the job runs on in a pool of {@code type}; {@link Integer#MAX_VALUE} when it cannot be counted. */
    int gpus(GpuType type);

    /** Hours the job runs in a pool of {@code type} on {@link #gpus(GpuType)} GPUs. */
    double hours(GpuType type);

    /** The GPU count when it does not depend on the GPU type, else -1. */
    int fixedGpus();

    /**
     * A job given by its compute: at a pool, {@code gpus = ceil(flops / (peak * mfu * target))},
     * capped by {@code maxGpus}, and it runs {@code flops / (gpus * peak * mfu)}.
     *
     * @param flops       total training compute, FLOP
     * @param mfu         model FLOP utilization in (0, 1]
     * @param targetHours the run time the job is sized for
     * @param maxGpus     the class's cap ({@link Integer#MAX_VALUE} when none)
     */
    record Compute(double flops, double mfu, double targetHours, int maxGpus) implements JobSize {

        @Override
        public int gpus(GpuType type) {
            double needed = Math.ceil(flops / (type.peakFlopsPerSecond() * mfu * targetHours * 3600.0));
            double capped = Math.min(needed, maxGpus);
            return capped >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(1.0, capped);
        }

        @Override
        public double hours(GpuType type) {
            return flops / (gpus(type) * type.peakFlopsPerSecond() * mfu) / 3600.0;
        }

        @Override
        public int fixedGpus() {
            return -1;
        }
    }

    /**
     * A job given by GPUs and hours on a reference type; on a type with a higher peak its hours
     * shrink by the ratio of peaks.
     *
     * @param gpus                GPU count, whatever the type
     * @param referenceHours      run time on the reference type
     * @param referencePeakTflops peak of the reference type, or NaN when hours hold on every type
     */
    record OnReference(int gpus, double referenceHours, double referencePeakTflops) implements JobSize {

        @Override
        public int gpus(GpuType type) {
            return gpus;
        }

        @Override
        public double hours(GpuType type) {
            return Double.isNaN(referencePeakTflops) ? referenceHours
                    : referenceHours * referencePeakTflops / type.peakTflops();
        }

        @Override
        public int fixedGpus() {
            return gpus;
        }
    }
}
