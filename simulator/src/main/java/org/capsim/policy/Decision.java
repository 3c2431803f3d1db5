package org.capsim.policy;

import org.capsim.model.RofrOutcome;

/**
 * What a {@link RoutingPolicy} decides for a job. Each form may record a ROFR outcome on the job
 * ({@link RofrOutcome#NONE} leaves the job's outcome as it was).
 */
public sealed interface Decision {

    /** Queue the job in {@code pool}, which must be one of the fleet's and able to fit it some day. */
    record Place(PoolView pool, RofrOutcome rofr) implements Decision {
    }

    /** Ask again after {@code hours} (&gt; 0); the job waits, placed nowhere, meanwhile. */
    record Defer(double hours, RofrOutcome rofr) implements Decision {
    }

    /** The job will not run; it is counted as rejected. */
    record Reject(String reason, RofrOutcome rofr) implements Decision {
    }

    static Decision place(PoolView pool) {
        return new Place(pool, RofrOutcome.NONE);
    }

    /** Queue the job in {@code pool}; when there is none (null), reject it for {@code reason}. */
    static Decision placeOrReject(PoolView pool, String reason) {
        return pool == null ? reject(reason) : place(pool);
    }

    /** The ROFR holder takes the job into its {@code pool}. */
    static Decision accept(PoolView pool) {
        return new Place(pool, RofrOutcome.ACCEPTED);
    }

    /** The ROFR holder declined; the job goes to {@code pool} of another provider. */
    static Decision refuse(PoolView pool) {
        return new Place(pool, RofrOutcome.REFUSED);
    }

    static Decision defer(double hours) {
        return new Defer(hours, RofrOutcome.NONE);
    }

    /** Offers the job to the ROFR holder, who answers after {@code hours}. */
    static Decision offer(double hours) {
        return new Defer(hours, RofrOutcome.OFFERED);
    }

    static Decision reject(String reason) {
        return new Reject(reason, RofrOutcome.NONE);
    }

    static Decision reject(String reason, RofrOutcome rofr) {
        return new Reject(reason, rofr);
    }
}
