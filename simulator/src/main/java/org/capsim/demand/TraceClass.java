package org.capsim.demand;

import org.capsim.model.GpuType;

/**
 * Replay of a job trace.
 *
 * @param referenceGpu the type the trace's durations were measured on, or null: same hours everywhere
 */
public record TraceClass(String name, int priority, Trace trace, GpuType referenceGpu, DemandLimits limits)
        implements WorkloadClass {
}
