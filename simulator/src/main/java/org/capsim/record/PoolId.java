package org.capsim.record;

/**
 * Which pool a record is about; fixed for the whole replication.
 *
 * @param index           the pool's number in the fleet (sites in scenario order, then their GPU types)
 * @param pricePerGpuHour the provider's price for this GPU type, in dollars
 */
public record PoolId(int index, String site, String provider, String gpuType, double pricePerGpuHour) {

    /** {@code site/type}, as errors and logs name a pool. */
    public String name() {
        return site + "/" + gpuType;
    }
}
