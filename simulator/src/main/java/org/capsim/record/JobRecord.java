package org.capsim.record;

import org.capsim.model.JobStatus;
import org.capsim.model.RofrOutcome;
import org.capsim.workload.JobClass;
import org.capsim.workload.JobSize;

/**
 * A job in its final state: completed or rejected, or still running or waiting at the horizon.
 * Times are clock hours; NaN where a time never came.
 *
 * @param pool           where it was placed, or null
 * @param gpus           GPUs at its pool, or -1 before placement
 * @param hours          hours of computing it needs at its pool, or NaN before placement
 * @param heldHours      hours it holds its GPUs: computing plus the work lost to interruptions and restarts
 * @param costUsd        price of the GPU-hours it held (up to {@code at} for a running job)
 * @param interruptions  interruptions up to {@code at}
 * @param gpuHours       GPU-hours held up to {@code at}
 * @param usefulGpuHours held GPU-hours less the work lost to interruptions and restarts, up to {@code at}
 * @param reservedStart  under EASY backfill, the start reserved for it at the head of its queue
 * @param at             when the record was taken: its end, or the horizon
 * @param demandGpuHours GPU-hours it asked for at its full size on its reference GPU (SPEC 6.1)
 */
public record JobRecord(String id, JobClass jobClass, JobSize size, double arrival, PoolId pool, JobStatus status,
        RofrOutcome rofr, double rofrAnsweredAt, int gpus, double hours, double heldHours, double start, double end,
        double costUsd, int routingRounds, double promisedStart, double reservedStart, int interruptions,
        double gpuHours, double usefulGpuHours, double at, double demandGpuHours) {

    /** Hours between arrival and start, or until it left its queue; NaN when neither happened. */
    public double waitHours() {
        if (!Double.isNaN(start)) {
            return start - arrival;
        }
        return status == JobStatus.ABANDONED ? end - arrival : Double.NaN;
    }

    public boolean started() {
        return !Double.isNaN(start);
    }

    /** Whether the ROFR holder accepted it and it started (or, still waiting, will start) later than promised. */
    public boolean promiseBroken() {
        if (Double.isNaN(promisedStart)) {
            return false;
        }
        double late = promisedStart + 1e-6;
        return Double.isNaN(start) ? at > late : start > late;
    }
}
