package org.capsim.policy;

import org.capsim.model.RofrOutcome;

/** A read-only view of a job being routed. */
public interface JobRequest {

    String id();

    String className();

    int priority();

    /** Arrival time, hours from the scenario start. */
    double arrival();

    /** GPUs it would gang-schedule in {@code pool}. */
    int gpusAt(PoolView pool);

    /** Hours it would run in {@code pool}. */
    double hoursAt(PoolView pool);

    /** Dollars it would cost in {@code pool}: GPUs x hours x price. */
    default double costAt(PoolView pool) {
        return gpusAt(pool) * hoursAt(pool) * pool.pricePerGpuHour();
    }

    /** Its ROFR outcome so far ({@link RofrOutcome#OFFERED} while the holder has not answered). */
    RofrOutcome rofr();

    /** 1 on arrival, 2 after the first deferral, and so on. */
    int round();
}
