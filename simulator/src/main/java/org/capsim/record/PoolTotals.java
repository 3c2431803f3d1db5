package org.capsim.record;

/**
 * A pool's integrals over the measured period (after the warm-up), taken when the replication ends.
 *
 * @param installedGpuHours GPU-hours available to training (installed less reserved)
 * @param installedEnd      GPUs installed at the horizon
 */
public record PoolTotals(PoolId pool, double busyGpuHours, double installedGpuHours, double reservedGpuHours,
        int installedEnd) {
}
