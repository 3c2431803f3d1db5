package org.capsim.replication;

import java.util.ArrayList;
import java.util.List;

import org.capsim.cluster.Job;
import org.capsim.cluster.Pool;
import org.capsim.model.GpuType;
import org.capsim.record.JobRecord;
import org.capsim.record.PoolId;
import org.capsim.record.PoolSample;
import org.capsim.record.PoolTotals;

/**
 * Turns the replication's live jobs and pools into the immutable records that recorders and
 * metrics receive: nothing downstream holds a model object.
 */
final class Records {

    /** Per pool index, its identity, made once. */
    private final PoolId[] ids;

    /** The type demand is measured on for jobs given by compute. */
    private final GpuType demandReference;
    /** Per pool index, the feed of its power-capped site, or null. */
    private final SitePowerFeed[] feeds;

    Records(List<Pool> pools, GpuType demandReference, java.util.function.Function<Pool, SitePowerFeed> feedOf) {
        this.demandReference = demandReference;
        this.feeds = new SitePowerFeed[pools.size()];
        for (Pool pool : pools) {
            feeds[pool.index()] = feedOf.apply(pool);
        }
        ids = new PoolId[pools.size()];
        for (Pool pool : pools) {
            ids[pool.index()] = new PoolId(pool.index(), pool.siteId(), pool.providerId(), pool.type().name(),
                    pool.pricePerGpuHour());
        }
    }

    /** The pool's identity, or null for none. */
    PoolId id(Pool pool) {
        return pool == null ? null : ids[pool.index()];
    }

    PoolSample sample(Pool pool, double now) {
        SitePowerFeed feed = feeds[pool.index()];
        return new PoolSample(ids[pool.index()], now, pool.installed(), pool.planned(), pool.reserved(), pool.busy(),
                pool.queuedJobs(), pool.queuedGpus(), pool.installed() - pool.stranded(),
                feed == null ? Double.NaN : feed.energizedMw());
    }

    List<PoolSample> samples(List<Pool> pools, double now) {
        List<PoolSample> samples = new ArrayList<>(pools.size());
        for (Pool pool : pools) {
            samples.add(sample(pool, now));
        }
        return samples;
    }

    List<PoolTotals> totals(List<Pool> pools) {
        List<PoolTotals> totals = new ArrayList<>(pools.size());
        for (Pool pool : pools) {
            totals.add(new PoolTotals(ids[pool.index()], pool.busyGpuHours(), pool.installedGpuHours(),
                    pool.reservedGpuHours(), pool.installed()));
        }
        return totals;
    }

    /** The job as it stands at {@code now}, its end or the horizon. */
    JobRecord job(Job job, double now) {
        return new JobRecord(job.id(), job.jobClass(), job.size(), job.arrival(), id(job.pool()), job.status(),
                job.rofr(), job.rofrAnsweredAt(), job.gpus(), job.hours(), job.heldHours(), job.start(), job.end(),
                job.costUsd(), job.routingRounds(), job.promisedStart(), job.reservedStart(), job.interruptions(now),
                job.gpuHours(now), job.usefulGpuHours(now), now,
                job.size().demandGpuHours(demandReference));
    }
}
