package org.capsim.policy;

/**
 * The pool whose site's grid intensity in force now is lowest among those that can start the
 * job within a bound ({@code routing.lowest-carbon.max-start-delay-days}, default 30, as
 * {@code cheapest}); none in time: the earliest start. A pool whose site gives no intensity
 * ranks after every one that does: unknown is not low. Ties: the earlier start, the lower
 * cost, then the pool listed first.
 */
public final class LowestCarbonPolicy implements RoutingPolicy {

    /** gCO2/kWh now at the pool's site; NaN (ranked last) where the scenario gives none. */
    static final PoolRule.Score GRID_INTENSITY = (job, fleet, pool) -> pool.gridGco2PerKwh();

    private PoolRule rule = rule(CheapestPolicy.DEFAULT_MAX_START_DELAY_DAYS);

    @Override
    public String name() {
        return "lowest-carbon";
    }

    @Override
    public String description() {
        return "the pool of lowest grid gCO2/kWh that can start the job within max-start-delay-days (default 30)";
    }

    @Override
    public void configure(PolicySettings settings) {
        rule = rule(CheapestPolicy.maxStartDelayDays(settings));
    }

    private static PoolRule rule(double maxStartDelayDays) {
        return PoolRule.lowestWithin(maxStartDelayDays * 24, GRID_INTENSITY);
    }

    @Override
    public Decision route(JobRequest job, FleetView fleet) {
        return Decision.placeOrReject(rule.pick(job, fleet), "no pool can ever fit it");
    }
}
