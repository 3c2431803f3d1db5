package org.capsim.policy;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import java.util.function.ObjDoubleConsumer;

import org.capsim.model.Calendar;
import org.capsim.record.JobRecord;

/**
 * A committed spend (October 2025 terms: OpenAI buys $250B of Azure services): the provider owed
 * {@code spend-usd} over {@code years} gets each job while its booked spend lags the
 * straight-line pace {@code spend-usd x elapsed / years}, counted from the day the policy comes
 * into force (its {@code routing.phases} date, else the scenario start). Otherwise, and when the
 * provider can never fit the job, the {@code fallback} rule picks among all pools.
 *
 * <p>Booked spend is the price of the GPU-hours of every job this policy has sent to the
 * provider, at the time it sends it: what the buyer has committed to, not yet what it has used.
 * Counting at booking keeps the provider from being flooded while long jobs run before their
 * spend shows up.
 *
 * <p>It reports the spend the provider actually earned from the day the commitment counts
 * (every job, warm-up or not: the buyer pays for all) against the straight-line pace.
 */
public final class CommitmentPolicy implements RoutingPolicy, PolicyMetrics {

    /** The commitment as the scenario gives it. */
    public record Terms(String provider, double spendUsd, double years, LocalDate from) {

        /** Clock hours (from the scenario's {@code start}) at which the commitment starts counting. */
        public double fromHours(LocalDate start) {
            return Math.max(0, ChronoUnit.DAYS.between(start, from) * 24.0);
        }

        /** Dollars owed by {@code hours} after {@code from}, on the straight-line pace. */
        public double paceAt(double hoursSinceFrom) {
            double fraction = hoursSinceFrom / (years * Calendar.HOURS_PER_YEAR);
            return spendUsd * Math.max(0.0, Math.min(1.0, fraction));
        }
    }

    private Terms terms;
    /** The fallback rule over all pools. */
    private PoolRule fallback;
    /** While the provider is owed: its soonest pool, else the fallback. */
    private PoolRule owedFirst;
    private double fromHours;
    private double booked;
    /** Price of the GPU-hours the provider held for jobs since the commitment counts. */
    private double earned;

    @Override
    public String name() {
        return "commitment";
    }

    @Override
    public String description() {
        return "prefer the provider owed a committed spend while its booked spend lags the straight-line pace";
    }

    @Override
    public void configure(PolicySettings settings) {
        terms = terms(settings);
        LocalDate start = settings.scenario().start();
        if (terms != null && start != null) {
            fromHours = terms.fromHours(start);
        }
        fallback = PoolRule.fallback(settings);
        owedFirst = terms == null ? fallback : PoolRule.earliestStart().of(terms.provider()).orElse(fallback);
    }

    /** Reads (and validates) the commitment block; null when it is incomplete. */
    public static Terms terms(PolicySettings settings) {
        String provider = settings.provider("provider", null);
        if (provider == null && !settings.has("provider")) {
            settings.problem(null, "the commitment policy needs routing.commitment.provider: the provider owed the spend");
        } else if (provider != null && !settings.scenario().hasSites(provider)) {
            settings.problem("provider", "provider '" + provider + "' has no sites to spend at");
            provider = null;
        }
        double spend = settings.requiredNumber("spend-usd", 1, 1e15);
        double years = settings.requiredNumber("years", 0.01, 100);
        if (provider == null || Double.isNaN(spend) || Double.isNaN(years)) {
            return null;
        }
        return new Terms(provider, spend, years, settings.inForceFrom());
    }

    @Override
    public Decision route(JobRequest job, FleetView fleet) {
        PoolRule rule = booked < terms.paceAt(fleet.now() - fromHours) ? owedFirst : fallback;
        PoolView pool = rule.pick(job, fleet);
        if (pool == null) {
            return Decision.reject("no pool can ever fit it");
        }
        if (pool.provider().equals(terms.provider())) {
            booked += job.costAt(pool);
        }
        return Decision.place(pool);
    }

    @Override
    public void jobEnded(JobRecord job) {
        if (terms == null || job.pool() == null || !job.started() || !job.pool().provider().equals(terms.provider())) {
            return;
        }
        double from = Math.max(job.start(), fromHours);
        double until = Double.isNaN(job.end()) ? job.at() : job.end();
        if (until > from) {
            earned += job.gpus() * (until - from) * job.pool().pricePerGpuHour();
        }
    }

    @Override
    public void metrics(double endHours, ObjDoubleConsumer<String> into) {
        if (terms == null) {
            return;
        }
        double pace = terms.paceAt(endHours - fromHours);
        into.accept("commitment_spend_usd", earned);
        into.accept("commitment_pace_usd", pace);
        into.accept("commitment_spend_vs_pace", pace > 0 ? earned / pace : Double.NaN);
    }
}
