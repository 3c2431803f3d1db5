package org.capsim.examples;

import org.capsim.policy.*;

/** Stargate's soonest pool, unless it starts more than slack-days after the soonest of all. */
public class PreferProviderPolicy implements RoutingPolicy {
    private PoolRule rule;
    public String name() { return "prefer-provider"; }
    public String description() { return "a provider's soonest pool unless it starts slack-days after the best"; }

    public void configure(PolicySettings settings) {                  // reads routing.prefer-provider
        String provider = settings.provider("provider", "stargate");
        double slackHours = settings.number("slack-days", 7, 0, 3653) * 24;
        PoolRule best = PoolRule.earliestStart();
        rule = best.of(provider).when(PoolRule.startsWithin(slackHours, best)).orElse(best);
    }
    public Decision route(JobRequest job, FleetView fleet) {          // once per job
        return Decision.placeOrReject(rule.pick(job, fleet), "no pool can ever fit it");
    }
}
