package org.capsim.demand;

/** One workload class of a scenario's {@code demand} list. */
public sealed interface WorkloadClass permits ScalingLawClass, SizedClass, TraceClass {

    /** Class name, unique in the scenario. */
    String name();

    /** Higher starts first within a pool queue. */
    int priority();

    /** Patience and budget of its jobs ({@link DemandLimits#NONE} when neither is given). */
    DemandLimits limits();
}
