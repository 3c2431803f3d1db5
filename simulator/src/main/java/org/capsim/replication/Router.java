package org.capsim.replication;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.capsim.cluster.Job;
import org.capsim.cluster.Pool;
import org.capsim.engine.ModelEvent;
import org.capsim.engine.Scheduler;
import org.capsim.model.RofrOutcome;
import org.capsim.policy.Decision;
import org.capsim.policy.PolicyException;
import org.capsim.policy.RoutingPolicy;

/**
 * Asks the routing policy about each job and carries out its decision. Guards the model against
 * the policy: a policy that throws, returns nothing, or decides something impossible stops the
 * run with an error naming it.
 */
final class Router {

    /** Routing rounds one job may take before the policy is deemed to defer forever. */
    static final int MAX_ROUNDS = 100_000;

    /** What the router needs of the model. */
    interface Outcomes {
        /** The job reached its final state without being placed (rejected or unfunded). */
        void ended(Job job);

        /** Whether the job's class may still spend in the current year (SPEC 6.1 budgets). */
        boolean funds(Job job);

        /** The job was queued at its pool: its spend is booked. */
        void placed(Job job);
    }

    private final RoutingPolicy[] policies;
    private final String[] names;
    private final double[] from;
    private final LiveFleet fleet;
    private final Scheduler clock;
    private final Outcomes outcomes;
    private final Set<Job> deferred = new HashSet<>();

    /**
     * @param policies one per phase of the deal
     * @param names    their names, for messages
     * @param from     when each phase begins (hours; the first is -infinity)
     */
    Router(RoutingPolicy[] policies, String[] names, double[] from, LiveFleet fleet, Scheduler clock, Outcomes outcomes) {
        this.policies = policies.clone();
        this.names = names.clone();
        this.from = from.clone();
        this.fleet = fleet;
        this.clock = clock;
        this.outcomes = outcomes;
    }

    /** The phase in force at {@code time}. */
    private int phaseAt(double time) {
        int phase = 0;
        while (phase + 1 < from.length && from[phase + 1] <= time) {
            phase++;
        }
        return phase;
    }

    void route(Job job) {
        job.countRoutingRound();
        int phase = phaseAt(job.arrival());
        RoutingPolicy policy = policies[phase];
        String policyName = names[phase];
        Decision decision;
        try {
            decision = policy.route(fleet.request(job), fleet);
        } catch (RuntimeException | StackOverflowError e) {
            String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new PolicyException(policyName, "failed while routing " + job + ": " + reason, e);
        }
        if (decision instanceof Decision.Place place) {
            Pool pool = fleet.poolOf(place.pool());
            if (pool == null) {
                throw new PolicyException(policyName, "placed " + job + " in " + place.pool()
                        + ", which is not a pool of the fleet view it was given", null);
            }
            int gpus = job.size().minGpus(pool.type());
            if (gpus > pool.maxFutureInstalled()) {
                throw new PolicyException(policyName, "placed " + job + " (" + gpus + " GPUs) in " + pool.name()
                        + ", which will never have more than " + pool.maxFutureInstalled() + " GPUs", null);
            }
            mark(job, place.rofr());
            if (!outcomes.funds(job)) { // the budget ran out while the job waited for its answer
                job.unfund();
                outcomes.ended(job);
                return;
            }
            if (place.rofr() == RofrOutcome.ACCEPTED) {
                // what the holder promised: the estimate it accepted on
                job.promiseStart(pool.earliestStart(job, clock.now()));
            }
            pool.enqueue(job);
            outcomes.placed(job);
        } else if (decision instanceof Decision.Defer defer) {
            if (!(defer.hours() > 0) || Double.isInfinite(defer.hours())) {
                throw new PolicyException(policyName, "deferred " + job + " by " + defer.hours()
                        + " hours; a deferral must be a positive, finite number of hours", null);
            }
            if (job.routingRounds() >= MAX_ROUNDS) {
                throw new PolicyException(policyName, "deferred " + job + " " + MAX_ROUNDS + " times", null);
            }
            mark(job, defer.rofr());
            deferred.add(job);
            clock.after(defer.hours(), new Retry(job));
        } else if (decision instanceof Decision.Reject reject) {
            mark(job, reject.rofr());
            job.reject(reject.reason() == null ? "rejected by policy " + policyName : reject.reason());
            outcomes.ended(job);
        } else {
            throw new PolicyException(policyName, "returned no decision for " + job, null);
        }
    }

    private void mark(Job job, RofrOutcome outcome) {
        if (outcome != null && outcome != RofrOutcome.NONE) {
            job.markRofr(outcome, clock.now());
        }
    }

    /** Takes {@code job} out of the jobs waiting for a deferred decision; false when it is not one. */
    boolean withdraw(Job job) {
        return deferred.remove(job);
    }

    /** Jobs waiting for a deferred decision, in arrival order. */
    List<Job> deferredJobs() {
        List<Job> jobs = new ArrayList<>(deferred);
        jobs.sort((a, b) -> Long.compare(a.serial(), b.serial()));
        return jobs;
    }

    private final class Retry extends ModelEvent {
        private final Job job;

        Retry(Job job) {
            this.job = job;
        }

        @Override
        protected void fire() {
            if (deferred.remove(job)) { // else it left at its patience's end
                route(job);
            }
        }
    }
}
