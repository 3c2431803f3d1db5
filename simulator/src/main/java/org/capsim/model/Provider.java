package org.capsim.model;

import java.util.Map;

/**
 * A cloud provider (Azure, Oracle, Stargate, ...).
 *
 * @param id            key in the scenario, e.g. {@code azure}
 * @param name          display name
 * @param pricePerType  dollars per GPU-hour by GPU type name; empty when one price holds for all
 * @param uniformPrice  dollars per GPU-hour for every type, or NaN when priced per type
 */
public record Provider(String id, String name, Map<String, Double> pricePerType, double uniformPrice) {

    public Provider {
        pricePerType = Map.copyOf(pricePerType);
    }

    /** Dollars per GPU-hour of {@code gpuType}; NaN when this provider has no price for it. */
    public double pricePerGpuHour(String gpuType) {
        if (!Double.isNaN(uniformPrice)) {
            return uniformPrice;
        }
        Double price = pricePerType.get(gpuType);
        return price == null ? Double.NaN : price;
    }
}
