package org.capsim.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A datacenter site of one provider with its build-out schedule.
 *
 * @param id       unique site id
 * @param provider provider id
 * @param buildOut tranches ordered by date (additions before retirements on the same day)
 * @param power    its energized power, electricity price and grid intensity (SPEC 6.2)
 */
public record Site(String id, String provider, List<Tranche> buildOut, SitePower power) {

    public Site {
        buildOut = List.copyOf(buildOut);
    }

    /** A site whose every installed GPU is powered. */
    public Site(String id, String provider, List<Tranche> buildOut) {
        this(id, provider, buildOut, SitePower.UNLIMITED);
    }

    /** GPU types at this site in order of first appearance: one pool each. */
    public List<String> gpuTypes() {
        List<String> types = new ArrayList<>();
        for (Tranche tranche : buildOut) {
            if (!types.contains(tranche.gpuType())) {
                types.add(tranche.gpuType());
            }
        }
        return types;
    }
}
