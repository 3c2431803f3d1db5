package org.capsim.spark;

import org.capsim.policy.FleetView;
import org.capsim.policy.JobRequest;
import org.capsim.policy.Decision;
import org.capsim.policy.RoutingPolicy;

/** A planner's policy with a bug: it throws on the first job it is asked to route. */
public final class BrokenPolicy implements RoutingPolicy {

    @Override
    public String name() {
        return "broken";
    }

    @Override
    public Decision route(JobRequest job, FleetView fleet) {
        throw new IllegalStateException("boom on " + job.id());
    }
}
