package org.capsim.policy;

/**
 * The pool where the job costs least among those that can start it within a bound
 * ({@code routing.cheapest.max-start-delay-days}, default 30); none in time: the earliest start.
 */
public final class CheapestPolicy implements RoutingPolicy {

    static final double DEFAULT_MAX_START_DELAY_DAYS = 30;

    private PoolRule rule = PoolRule.cheapest(DEFAULT_MAX_START_DELAY_DAYS * 24);

    @Override
    public String name() {
        return "cheapest";
    }

    @Override
    public String description() {
        return "the lowest-cost pool that can start the job within max-start-delay-days (default 30)";
    }

    @Override
    public void configure(PolicySettings settings) {
        rule = PoolRule.cheapest(maxStartDelayDays(settings) * 24);
    }

    /**
     * The bound as a block gives it: cheapest's (also the bound of the cheapest
     * {@link PoolRule#fallback}) or lowest-carbon's, validated alike.
     */
    static double maxStartDelayDays(PolicySettings settings) {
        return settings.number("max-start-delay-days", DEFAULT_MAX_START_DELAY_DAYS, 0, 36525);
    }

    @Override
    public Decision route(JobRequest job, FleetView fleet) {
        return Decision.placeOrReject(rule.pick(job, fleet), "no pool can ever fit it");
    }
}
