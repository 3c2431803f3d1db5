package org.capsim.cluster;

import org.capsim.model.JobStatus;
import org.capsim.model.RofrOutcome;
import org.capsim.workload.JobClass;
import org.capsim.workload.JobSize;

/**
 * One training job in one replication: what arrived (immutable) and what happened to it so far.
 * Only the model mutates a job; policies see it through a read-only request.
 */
public final class Job {

    private final long serial;
    private final String id;
    private final JobClass jobClass;
    private final double arrival;
    private final JobSize size;

    JobStatus status = JobStatus.WAITING;
    RofrOutcome rofr = RofrOutcome.NONE;
    Pool pool;
    int gpus = -1;
    double hours = Double.NaN;
    double heldHours = Double.NaN;
    /** Interruptions, as hours after the start, and the work each lost; null when none. */
    double[] interruptedAfter;
    double[] lostHours;
    double restartHours;
    double promisedStart = Double.NaN;
    double reservedStart = Double.NaN;
    double start = Double.NaN;
    double end = Double.NaN;
    double costUsd = Double.NaN;
    int routingRounds;
    double rofrAnsweredAt = Double.NaN;
    int runningIndex = -1;
    /** Its place among the starts of its pool: same-instant completions run in this order. */
    long startOrder = -1;
    String rejection;

    /**
     * @param serial   creation order within the replication (orders same-time reports)
     * @param id       job id as written in jobs.csv
     * @param jobClass its workload class
     * @param arrival  hours from the scenario start
     * @param size     its size on any GPU type
     */
    public Job(long serial, String id, JobClass jobClass, double arrival, JobSize size) {
        this.serial = serial;
        this.id = id;
        this.jobClass = jobClass;
        this.arrival = arrival;
        this.size = size;
    }

    public long serial() {
        return serial;
    }

    public String id() {
        return id;
    }

    public JobClass jobClass() {
        return jobClass;
    }

    public double arrival() {
        return arrival;
    }

    public JobSize size() {
        return size;
    }

    public JobStatus status() {
        return status;
    }

    public RofrOutcome rofr() {
        return rofr;
    }

    /** The pool it was placed in, or null. */
    public Pool pool() {
        return pool;
    }

    /** GPUs at its pool, or -1 before placement. */
    public int gpus() {
        return gpus;
    }

    /** Hours of computing it needs at its pool, or NaN before placement. */
    public double hours() {
        return hours;
    }

    /**
     * Hours it holds its GPUs at its pool: its computing hours plus, for each interruption, the
     * work lost since the last checkpoint and the restart time. NaN before placement.
     */
    public double heldHours() {
        return heldHours;
    }

    /** Interruptions up to {@code now}. */
    public int interruptions(double now) {
        if (interruptedAfter == null || Double.isNaN(start)) {
            return 0;
        }
        int count = 0;
        while (count < interruptedAfter.length && start + interruptedAfter[count] <= now) {
            count++;
        }
        return count;
    }

    /**
     * GPU-hours that did useful work up to {@code now}: held GPU-hours minus, for every
     * interruption so far, the lost work and the restart time spent so far.
     */
    public double usefulGpuHours(double now) {
        double held = gpuHours(now);
        if (interruptedAfter == null || held == 0) {
            return held;
        }
        double until = Double.isNaN(end) ? now : end;
        double wasted = 0;
        for (int i = 0; i < interruptedAfter.length && start + interruptedAfter[i] <= until; i++) {
            wasted += lostHours[i] + Math.min(restartHours, until - (start + interruptedAfter[i]));
        }
        return held - gpus * wasted;
    }

    /** When the ROFR holder promised, on accepting it, that it would start; NaN when it did not accept. */
    public double promisedStart() {
        return promisedStart;
    }

    /**
     * Under EASY backfill, the start reserved for it the first time it headed its queue and was
     * blocked; NaN otherwise. Backfilling never delays it past this time.
     */
    public double reservedStart() {
        return reservedStart;
    }

    public double start() {
        return start;
    }

    public double end() {
        return end;
    }

    /** Price of its GPU-hours at its pool; for a running job, of the hours run so far. */
    public double costUsd() {
        return costUsd;
    }

    /** How many times the routing policy was asked about this job. */
    public int routingRounds() {
        return routingRounds;
    }

    /** When the ROFR holder answered, or NaN. */
    public double rofrAnsweredAt() {
        return rofrAnsweredAt;
    }

    /** Why it was rejected, or null. */
    public String rejection() {
        return rejection;
    }

    /** Hours between arrival and start, or NaN when it never started. */
    public double waitHours() {
        return Double.isNaN(start) ? Double.NaN : start - arrival;
    }

    /** GPU-hours held so far, up to {@code now} for a running job. */
    public double gpuHours(double now) {
        if (Double.isNaN(start)) {
            return 0;
        }
        double until = Double.isNaN(end) ? now : end;
        return gpus * (until - start);
    }

    // ---- mutations by the model (router and pool) ----

    public void countRoutingRound() {
        routingRounds++;
    }

    public void markRofr(RofrOutcome outcome, double now) {
        if (outcome == RofrOutcome.ACCEPTED || outcome == RofrOutcome.REFUSED) {
            rofrAnsweredAt = now;
        }
        rofr = outcome;
    }

    /** Prices the GPU-hours held up to {@code now}: a job still running when the replication ends. */
    public void accrueUntil(double now) {
        if (pool != null && !Double.isNaN(start)) {
            costUsd = gpuHours(now) * pool.pricePerGpuHour();
        }
    }

    /** Records the start the ROFR holder promised on accepting it. */
    public void promiseStart(double time) {
        promisedStart = time;
    }

    /** It waited past its patience: it leaves its queue or its pending offer now. */
    public void leave(double now) {
        status = JobStatus.ABANDONED;
        end = now;
    }

    /** Its class had spent the year's budget: it is never submitted. */
    public void unfund() {
        status = JobStatus.UNFUNDED;
    }

    public void reject(String reason) {
        status = JobStatus.REJECTED;
        rejection = reason;
    }

    @Override
    public String toString() {
        return "job " + id + " (" + jobClass.name() + ")";
    }
}
