package org.capsim.demand;

import org.capsim.random.Distribution;

/**
 * What bounds a training class's demand (SPEC 6.1): how long its jobs wait before they leave, and
 * what it may spend per calendar year. Both optional.
 *
 * @param patienceDays days a job waits for its start before it leaves (abandoned), or null: forever
 * @param budget       the class's spending limit per calendar year, or null: none
 */
public record DemandLimits(Distribution patienceDays, Budget budget) {

    /** A class with neither patience nor budget: every job is submitted and waits as long as it takes. */
    public static final DemandLimits NONE = new DemandLimits(null, null);

    public boolean any() {
        return patienceDays != null || budget != null;
    }
}
