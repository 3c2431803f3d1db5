package org.capsim.policy;

import java.util.List;
import java.util.function.Predicate;

/**
 * A rule that picks a pool for a job: the piece routing policies are built from. Start from a
 * ranking ({@link #earliestStart}, {@link #cheapest}, {@link #lowestWithin}, {@link #lowest}),
 * narrow it to some pools ({@link #of}, {@link #except}, {@link #among}), keep its pick only
 * when a condition holds ({@link #when}) and fall back to another rule ({@link #orElse}):
 *
 * <pre>{@code
 * PoolRule best = PoolRule.earliestStart();
 * PoolRule rule = best.of("stargate").when(PoolRule.startsWithin(7 * 24, best)).orElse(best);
 * return Decision.placeOrReject(rule.pick(job, fleet), "no pool can ever fit it");
 * }</pre>
 *
 * <p>A rule picks only pools that can ever run the job; null means it has none to offer. Rules
 * hold no state, so a policy may build them once in {@link RoutingPolicy#configure}.
 */
@FunctionalInterface
public interface PoolRule {

    /** The pool this rule picks for {@code job} among the pools {@code allowed} accepts; null when none. */
    PoolView pick(JobRequest job, FleetView fleet, Predicate<PoolView> allowed);

    /** The pool this rule picks for {@code job} among all pools; null when none. */
    default PoolView pick(JobRequest job, FleetView fleet) {
        return pick(job, fleet, any -> true);
    }

    /** This rule over the pools {@code filter} accepts only. */
    default PoolRule among(Predicate<PoolView> filter) {
        return (job, fleet, allowed) -> pick(job, fleet, allowed.and(filter));
    }

    /** This rule over the pools of {@code provider} only. */
    default PoolRule of(String provider) {
        return among(pool -> pool.provider().equals(provider));
    }

    /** This rule over the pools of every provider but {@code provider}. */
    default PoolRule except(String provider) {
        return among(pool -> !pool.provider().equals(provider));
    }

    /** This rule's pick when {@code condition} holds for it, else none. */
    default PoolRule when(Condition condition) {
        return (job, fleet, allowed) -> {
            PoolView pool = pick(job, fleet, allowed);
            return pool != null && condition.holds(job, fleet, pool) ? pool : null;
        };
    }

    /** This rule's pick, or {@code next}'s (over the same pools) when this one has none. */
    default PoolRule orElse(PoolRule next) {
        return (job, fleet, allowed) -> {
            PoolView pool = pick(job, fleet, allowed);
            return pool != null ? pool : next.pick(job, fleet, allowed);
        };
    }

    /** The pool where the job starts earliest; ties: the lower cost, then the pool listed first. */
    static PoolRule earliestStart() {
        return PoolChoice::earliestStart;
    }

    /**
     * The pool where the job costs least among those that can start it within
     * {@code maxStartDelayHours} of now; ties: the earlier start, then the pool listed first.
     * When none can start it in time: the earliest start.
     */
    static PoolRule cheapest(double maxStartDelayHours) {
        return (job, fleet, allowed) -> PoolChoice.cheapest(job, fleet, allowed, fleet.now() + maxStartDelayHours);
    }

    /**
     * The pool with the lowest {@code score} among those that can start the job within
     * {@code maxStartDelayHours} of now; ties: the earlier start, the lower cost, then the pool
     * listed first; a NaN score ranks last. When none can start it in time: the earliest start.
     */
    static PoolRule lowestWithin(double maxStartDelayHours, Score score) {
        return (job, fleet, allowed) -> PoolChoice.lowestStartingBy(job, fleet, allowed, fleet.now() + maxStartDelayHours, score);
    }

    /** The pool with the lowest {@code score}; ties: the pool listed first. */
    static PoolRule lowest(Score score) {
        return (job, fleet, allowed) -> PoolChoice.lowest(job, fleet, allowed, score);
    }

    /**
     * The rule a policy's {@code fallback} key names: {@code earliest-start} (the default) or
     * {@code cheapest}, whose bound is {@code routing.cheapest.max-start-delay-days}.
     */
    static PoolRule fallback(PolicySettings settings) {
        String rule = settings.oneOf("fallback", "earliest-start", List.of("earliest-start", "cheapest"));
        double boundHours = CheapestPolicy.maxStartDelayDays(settings.sibling("cheapest")) * 24;
        return rule.equals("cheapest") ? cheapest(boundHours) : earliestStart();
    }

    /** Holds when the pool can start the job within {@code hours} of now. */
    static Condition startsWithin(double hours) {
        return (job, fleet, pool) -> fleet.earliestStart(job, pool) <= fleet.now() + hours;
    }

    /** Holds when the pool can start the job at most {@code hours} after the pool {@code reference} picks. */
    static Condition startsWithin(double hours, PoolRule reference) {
        return (job, fleet, pool) -> {
            PoolView best = reference.pick(job, fleet);
            return best != null && fleet.earliestStart(job, pool) <= fleet.earliestStart(job, best) + hours;
        };
    }

    /** A test of the pool a rule picked. */
    @FunctionalInterface
    interface Condition {
        boolean holds(JobRequest job, FleetView fleet, PoolView pool);
    }

    /** What a ranking minimizes, e.g. {@code (job, fleet, pool) -> job.costAt(pool)}. */
    @FunctionalInterface
    interface Score {
        double of(JobRequest job, FleetView fleet, PoolView pool);
    }
}
