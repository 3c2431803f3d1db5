package org.capsim.report;

import org.capsim.record.JobRecord;
import org.capsim.record.PoolId;
import org.capsim.workload.JobClass;
import org.capsim.workload.JobSize;

/**
 * Rows of jobs.csv and sites.csv as values, column by column, not yet text: the simulation
 * copies a row's values here (cheap, and nothing it changes later is shared), and
 * {@link RowFormatter} turns a full batch into bytes, on the simulation's thread or on a
 * writer thread of its own. Batches are reused, so recording allocates nothing per row.
 */
final class RowBatch {

    /** Rows of each file per batch: large enough that handing a batch over is rare, small enough to stay in cache. */
    static final int ROWS = 2048;

    // ---- jobs.csv ----
    int jobs;
    final String[] id = new String[ROWS];
    final JobClass[] jobClass = new JobClass[ROWS];
    /** null for a job never placed. */
    final PoolId[] jobPool = new PoolId[ROWS];
    final byte[] rofr = new byte[ROWS];
    final byte[] status = new byte[ROWS];
    /** -1 where unknown (the field is empty). */
    final int[] gpus = new int[ROWS];
    final int[] interruptions = new int[ROWS];
    final double[] arrival = new double[ROWS];
    final double[] start = new double[ROWS];
    final double[] end = new double[ROWS];
    final double[] wait = new double[ROWS];
    final double[] gpuHours = new double[ROWS];
    final double[] cost = new double[ROWS];
    final double[] held = new double[ROWS];
    final double[] promised = new double[ROWS];
    /** NaN for a job not sized by compute. */
    final double[] flops = new double[ROWS];
    final double[] demand = new double[ROWS];

    // ---- sites.csv ----
    int sites;
    final double[] time = new double[ROWS];
    final PoolId[] sitePool = new PoolId[ROWS];
    final int[] installed = new int[ROWS];
    final int[] reserved = new int[ROWS];
    final int[] busy = new int[ROWS];
    final int[] queuedJobs = new int[ROWS];
    final long[] queuedGpus = new long[ROWS];
    final long[] powered = new long[ROWS];
    final double[] powerMw = new double[ROWS];

    boolean full() {
        return jobs == ROWS || sites == ROWS;
    }

    boolean isEmpty() {
        return jobs == 0 && sites == 0;
    }

    void clear() {
        jobs = 0;
        sites = 0;
    }

    /** Copies the row of a job in its final state. */
    void addJob(JobRecord job) {
        int i = jobs++;
        id[i] = job.id();
        jobClass[i] = job.jobClass();
        jobPool[i] = job.pool();
        rofr[i] = (byte) job.rofr().ordinal();
        status[i] = (byte) job.status().ordinal();
        gpus[i] = job.gpus() >= 0 ? job.gpus() : job.size().fixedGpus();
        interruptions[i] = job.interruptions();
        double started = job.start();
        boolean began = job.started();
        arrival[i] = job.arrival();
        start[i] = started;
        end[i] = job.end();
        wait[i] = job.waitHours();
        gpuHours[i] = job.gpuHours();
        cost[i] = began ? job.costUsd() : 0.0;
        held[i] = began ? (Double.isNaN(job.end()) ? job.at() : job.end()) - started : Double.NaN;
        promised[i] = job.promisedStart();
        flops[i] = job.size() instanceof JobSize.Compute compute ? compute.flops() : Double.NaN;
        demand[i] = job.demandGpuHours();
    }

    void addSite(double at, PoolId pool, int installedGpus, int reservedGpus, int busyGpus, int jobsQueued, long gpusQueued,
            long poweredGpus, double siteMw) {
        int i = sites++;
        time[i] = at;
        sitePool[i] = pool;
        installed[i] = installedGpus;
        reserved[i] = reservedGpus;
        busy[i] = busyGpus;
        queuedJobs[i] = jobsQueued;
        queuedGpus[i] = gpusQueued;
        powered[i] = poweredGpus;
        powerMw[i] = siteMw;
    }
}
