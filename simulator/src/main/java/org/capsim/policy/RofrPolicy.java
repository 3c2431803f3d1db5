package org.capsim.policy;

import org.capsim.model.RofrOutcome;

/**
 * Right of first refusal (January 2025 terms): each job is offered to the holder, who answers
 * after {@code response-days}. The holder accepts iff it can start the job within
 * {@code max-start-delay-days} of its answer, counting the capacity its build-out will bring;
 * it then runs in the holder's pool that starts it soonest. A refused job goes to the other
 * providers by the {@code fallback} rule: {@code earliest-start} (then lowest cost) or
 * {@code cheapest} (bound: {@code routing.cheapest.max-start-delay-days}). A refused job that no
 * other provider can ever fit is rejected.
 */
public final class RofrPolicy implements RoutingPolicy {

    private String holder;
    private double responseHours;
    /** The holder's soonest pool, when it can start the job in time. */
    private PoolRule accepted;
    /** Where a refused job goes: the fallback rule over the other providers. */
    private PoolRule elsewhere;

    @Override
    public String name() {
        return "rofr";
    }

    @Override
    public String description() {
        return "offer each job to the holder first; it accepts iff it can start it within max-start-delay-days";
    }

    @Override
    public void configure(PolicySettings settings) {
        holder = settings.provider("holder", null);
        if (holder == null && !settings.has("holder")) {
            settings.problem(null, "the rofr policy needs routing.rofr.holder: the provider with the right of first refusal");
        } else if (holder != null && !settings.scenario().hasSites(holder)) {
            settings.problem("holder", "the ROFR holder '" + holder + "' has no sites");
        }
        responseHours = settings.number("response-days", 0, 0, 3653) * 24;
        double maxStartDelayHours = settings.number("max-start-delay-days", 30, 0, 36525) * 24;
        accepted = PoolRule.earliestStart().of(holder).when(PoolRule.startsWithin(maxStartDelayHours));
        elsewhere = PoolRule.fallback(settings).except(holder);
    }

    @Override
    public Decision route(JobRequest job, FleetView fleet) {
        if (job.rofr() == RofrOutcome.NONE && responseHours > 0) {
            return Decision.offer(responseHours);
        }
        PoolView own = accepted.pick(job, fleet);
        if (own != null) {
            return Decision.accept(own);
        }
        PoolView other = elsewhere.pick(job, fleet);
        return other == null
                ? Decision.reject("refused by the ROFR holder '" + holder + "' and no other provider can ever fit it",
                        RofrOutcome.REFUSED)
                : Decision.refuse(other);
    }
}
