package org.capsim.demand;

/**
 * Training runs sized by compute, whose median grows by a factor per year (frontier training
 * compute grew ~4-5x a year 2010-2024). At a pool of peak P:
 * {@code gpus = ceil(flops / (P * mfu * target))}, capped at {@code maxGpus}.
 *
 * @param medianFlops        compute of a median job at the start, FLOP
 * @param flopsGrowthPerYear factor per year of the median
 * @param flopsSigma         lognormal sigma (natural log) around the median
 * @param mfu                model FLOP utilization in (0, 1]
 * @param targetHours        run time a job is sized for
 * @param maxGpus            cap on the GPU count ({@link Integer#MAX_VALUE}: none)
 * @param minFraction        elastic runs: the smallest share of the full size a job may take
 *                           (1: not elastic, it runs at its full size only)
 */
public record ScalingLawClass(String name, int priority, ArrivalRate arrivals, double medianFlops,
        double flopsGrowthPerYear, double flopsSigma, double mfu, double targetHours, int maxGpus,
        double minFraction, DemandLimits limits)
        implements WorkloadClass {
}
