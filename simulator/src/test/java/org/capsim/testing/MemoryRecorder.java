package org.capsim.testing;

import java.util.ArrayList;
import java.util.List;

import org.capsim.cluster.Job;
import org.capsim.cluster.Pool;
import org.capsim.experiment.ReplicationRecorder;
import org.capsim.model.JobStatus;
import org.capsim.model.RofrOutcome;

/**
 * Keeps a replication's raw record in memory for tests, and checks GPU conservation
 * (0 &lt;= busy &lt;= installed, queue counts non-negative) at every change of every pool.
 */
public final class MemoryRecorder implements ReplicationRecorder {

    /** A job in its final state. */
    public record JobRow(String id, String className, int priority, double arrival, String site, String provider,
            String gpuType, RofrOutcome rofr, double rofrAnsweredAt, double start, double end, int gpus,
            double hours, double gpuHours, double costUsd, JobStatus status, int routingRounds, double heldHours,
            int interruptions, double usefulGpuHours, double promisedStart, boolean promiseBroken, double reservedStart) {
    }

    /** A pool's counts after a change. */
    public record PoolRow(double time, int pool, String site, String provider, String gpuType, int installed,
            int busy, long planned, int queuedJobs, long queuedGpus, int reserved) {
    }

    public final List<JobRow> jobs = new ArrayList<>();
    public final List<PoolRow> pools = new ArrayList<>();
    private double lastTime = Double.NEGATIVE_INFINITY;

    @Override
    public void poolChanged(Pool pool, double now) {
        record(pool, now);
    }

    @Override
    public void sample(List<Pool> all, double now) {
        all.forEach(p -> record(p, now));
    }

    private void record(Pool pool, double now) {
        if (now < lastTime) {
            throw new AssertionError("clock went backwards: " + now + " after " + lastTime);
        }
        lastTime = now;
        if (pool.busy() < 0 || pool.busy() > pool.installed() || pool.queuedJobs() < 0 || pool.queuedGpus() < 0
                || pool.installed() < pool.planned() || pool.reserved() < 0
                || pool.busy() + pool.reserved() > pool.installed()) {
            throw new AssertionError("GPU conservation broken in " + pool.name() + " at t=" + now + ": installed "
                    + pool.installed() + ", planned " + pool.planned() + ", busy " + pool.busy() + ", reserved " + pool.reserved());
        }
        pools.add(new PoolRow(now, pool.index(), pool.siteId(), pool.providerId(), pool.type().name(), pool.installed(),
                pool.busy(), pool.planned(), pool.queuedJobs(), pool.queuedGpus(), pool.reserved()));
    }

    @Override
    public void jobEnded(Job job, double now) {
        Pool pool = job.pool();
        jobs.add(new JobRow(job.id(), job.jobClass().name(), job.jobClass().priority(), job.arrival(),
                pool == null ? null : pool.siteId(), pool == null ? null : pool.providerId(),
                pool == null ? null : pool.type().name(), job.rofr(), job.rofrAnsweredAt(), job.start(), job.end(),
                job.gpus(), job.hours(), job.gpuHours(now), job.costUsd(), job.status(), job.routingRounds(),
                job.heldHours(), job.interruptions(now), job.usefulGpuHours(now), job.promisedStart(),
                job.promiseBroken(now), job.reservedStart()));
    }

    @Override
    public void finish(List<Pool> all, double end) {
        all.forEach(p -> record(p, end));
    }

    @Override
    public void close() {
    }

    /** The job with this id. */
    public JobRow job(String id) {
        return jobs.stream().filter(j -> j.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no job " + id + " among " + jobs.size()));
    }
}
