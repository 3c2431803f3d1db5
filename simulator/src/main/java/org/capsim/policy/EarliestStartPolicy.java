package org.capsim.policy;

/** Every job goes to the pool that can start it soonest (ties: lower cost). */
public final class EarliestStartPolicy implements RoutingPolicy {

    @Override
    public String name() {
        return "earliest-start";
    }

    @Override
    public String description() {
        return "the pool that can start the job soonest, whatever the provider (ties: lower cost)";
    }

    @Override
    public Decision route(JobRequest job, FleetView fleet) {
        return Decision.placeOrReject(PoolRule.earliestStart().pick(job, fleet), "no pool can ever fit it");
    }
}
