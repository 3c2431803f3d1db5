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

    /** Hours it runs in a pool of {@code type} on {@code gpus} GPUs (an elastic run's other sizes). */
    double hoursOn(GpuType type, int gpus);

    /**
     * The smallest GPU count it may run on in a pool of {@code type}: its full size unless the run is
     * elastic (SPEC 6.1), then the last of its halvings.
     */
    default int minGpus(GpuType type) {
        return gpus(type);
    }

    /** Whether it may run at less than its full size. */
    default boolean elastic() {
        return false;
    }

    /**
     * GPU-hours it asks for at its full size on its reference GPU ({@code reference} for a job
     * given by compute; a job given by GPUs and hours is measured on its own reference type).
     */
    double demandGpuHours(GpuType reference);

    /**
     * A job given by its compute: at a pool, {@code gpus = ceil(flops / (peak * mfu * target))},
     * capped by {@code maxGpus}, and it runs {@code flops / (gpus * peak * mfu)}.
     *
     * @param flops       total training compute, FLOP
     * @param mfu         model FLOP utilization in (0, 1]
     * @param targetHours the run time the job is sized for
     * @param maxGpus     the class's cap ({@link Integer#MAX_VALUE} when none)
     * @param minFraction an elastic run's smallest share of its full size (1: not elastic)
     */
    record Compute(double flops, double mfu, double targetHours, int maxGpus, double minFraction) implements JobSize {

        /** A run at its full size only. */
        public Compute(double flops, double mfu, double targetHours, int maxGpus) {
            this(flops, mfu, targetHours, maxGpus, 1.0);
        }

        @Override
        public int gpus(GpuType type) {
            double needed = Math.ceil(flops / (type.peakFlopsPerSecond() * mfu * targetHours * 3600.0));
            double capped = Math.min(needed, maxGpus);
            return capped >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(1.0, capped);
        }

        @Override
        public double hours(GpuType type) {
            return hoursOn(type, gpus(type));
        }

        @Override
        public int fixedGpus() {
            return -1;
        }

        @Override
        public double hoursOn(GpuType type, int gpus) {
            return flops / (gpus * type.peakFlopsPerSecond() * mfu) / 3600.0;
        }

        @Override
        public boolean elastic() {
            return minFraction < 1.0;
        }

        @Override
        public int minGpus(GpuType type) {
            if (!elastic()) {
                return gpus(type); // asked per pool at every routing: no candidate list for a fixed-size run
            }
            int[] sizes = candidates(type);
            return sizes[sizes.length - 1];
        }

        /**
         * The sizes an elastic run may take in a pool of {@code type}, largest first: its full size,
         * then halvings (rounded up) while the share stays at least {@code minFraction}; equal
         * sizes once.
         */
        public int[] candidates(GpuType type) {
            int full = gpus(type);
            int count = 1;
            for (double share = 0.5; share >= minFraction; share /= 2) {
                count++;
            }
            int[] sizes = new int[count];
            int n = 0;
            sizes[n++] = full;
            for (double share = 0.5; share >= minFraction; share /= 2) {
                int size = (int) Math.ceil(full * share);
                if (size != sizes[n - 1]) {
                    sizes[n++] = size;
                }
            }
            return n == count ? sizes : java.util.Arrays.copyOf(sizes, n);
        }

        @Override
        public double demandGpuHours(GpuType reference) {
            return flops / (reference.peakFlopsPerSecond() * mfu) / 3600.0;
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

        @Override
        public double hoursOn(GpuType type, int gpus) {
            return hours(type);
        }

        @Override
        public double demandGpuHours(GpuType reference) {
            return gpus * referenceHours;
        }
    }
}
