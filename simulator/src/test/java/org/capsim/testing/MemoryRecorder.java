package org.capsim.testing;

import java.util.ArrayList;
import java.util.List;

import org.capsim.model.JobStatus;
import org.capsim.model.RofrOutcome;
import org.capsim.record.JobRecord;
import org.capsim.record.PoolId;
import org.capsim.record.PoolSample;
import org.capsim.record.ReplicationRecorder;

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
            int busy, long planned, int queuedJobs, long queuedGpus, int reserved, long powered, double powerMw) {
    }

    public final List<JobRow> jobs = new ArrayList<>();
    public final List<PoolRow> pools = new ArrayList<>();
    private double lastTime = Double.NEGATIVE_INFINITY;

    @Override
    public void poolChanged(PoolSample sample) {
        record(sample);
    }

    @Override
    public void sample(List<PoolSample> all) {
        all.forEach(this::record);
    }

    private void record(PoolSample pool) {
        double now = pool.time();
        if (now < lastTime) {
            throw new AssertionError("clock went backwards: " + now + " after " + lastTime);
        }
        lastTime = now;
        if (pool.busy() < 0 || pool.busy() > pool.installed() || pool.queuedJobs() < 0 || pool.queuedGpus() < 0
                || pool.installed() < pool.planned() || pool.reserved() < 0
                || pool.busy() + pool.reserved() > pool.installed()) {
            throw new AssertionError("GPU conservation broken in " + pool.pool().name() + " at t=" + now + ": installed "
                    + pool.installed() + ", planned " + pool.planned() + ", busy " + pool.busy() + ", reserved " + pool.reserved());
        }
        PoolId id = pool.pool();
        pools.add(new PoolRow(now, id.index(), id.site(), id.provider(), id.gpuType(), pool.installed(),
                pool.busy(), pool.planned(), pool.queuedJobs(), pool.queuedGpus(), pool.reserved(), pool.powered(),
                pool.powerMw()));
    }

    @Override
    public void jobEnded(JobRecord job) {
        PoolId pool = job.pool();
        jobs.add(new JobRow(job.id(), job.jobClass().name(), job.jobClass().priority(), job.arrival(),
                pool == null ? null : pool.site(), pool == null ? null : pool.provider(),
                pool == null ? null : pool.gpuType(), job.rofr(), job.rofrAnsweredAt(), job.start(), job.end(),
                job.gpus(), job.hours(), job.gpuHours(), job.costUsd(), job.status(), job.routingRounds(),
                job.heldHours(), job.interruptions(), job.usefulGpuHours(), job.promisedStart(),
                job.promiseBroken(), job.reservedStart()));
    }

    @Override
    public void finish(List<PoolSample> all) {
        all.forEach(this::record);
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
