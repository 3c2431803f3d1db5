package org.capsim.policy;

/**
 * Everything goes to one provider (the pre-2025 deal): the pool of the holder that can start the
 * job soonest. The holder is {@code routing.exclusive.holder}, else {@code routing.rofr.holder}.
 */
public final class ExclusivePolicy implements RoutingPolicy {

    private String holder;
    private PoolRule holdersSoonest;
    private String noFit;

    @Override
    public String name() {
        return "exclusive";
    }

    @Override
    public String description() {
        return "every job to the holder (routing.exclusive.holder, else routing.rofr.holder)";
    }

    @Override
    public void configure(PolicySettings settings) {
        String fallback = settings.sibling("rofr").text("holder", null);
        holder = settings.provider("holder", fallback);
        if (holder == null) {
            settings.problem(null, "the exclusive policy needs a holder: set routing.exclusive.holder or routing.rofr.holder");
        } else if (!settings.scenario().hasSites(holder)) {
            settings.problem("holder", "provider '" + holder + "' has no sites, so it cannot run any job");
        }
        holdersSoonest = PoolRule.earliestStart().of(holder);
        noFit = "no pool of the exclusive holder '" + holder + "' can ever fit it";
    }

    @Override
    public Decision route(JobRequest job, FleetView fleet) {
        return Decision.placeOrReject(holdersSoonest.pick(job, fleet), noFit);
    }
}
