package org.capsim.demand;

import org.capsim.model.GpuType;
import org.capsim.random.Distribution;

/**
 * Jobs with a GPU count and hours drawn from distributions.
 *
 * @param referenceGpu the type the hours are measured on (faster pools shrink them), or null: same hours everywhere
 */
public record SizedClass(String name, int priority, ArrivalRate arrivals, Distribution gpus, Distribution hours,
        GpuType referenceGpu, DemandLimits limits) implements WorkloadClass {
}
