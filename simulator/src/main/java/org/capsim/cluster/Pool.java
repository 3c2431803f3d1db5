package org.capsim.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.capsim.engine.ModelEvent;
import org.capsim.engine.Scheduler;
import org.capsim.model.GpuType;
import org.capsim.model.JobStatus;

/**
 * The GPUs of one type at one site, with its queue and gang scheduler.
 *
 * <p>Strict FIFO gang scheduling: the head of the queue (highest priority, then first come)
 * starts when all its GPUs are free, and nothing behind it may start first. Capacity follows the
 * site's {@link CapacityPlan}: additions come online at their dates; a retirement takes idle GPUs
 * at once and the rest as soon as GPUs of the pool fall idle (running jobs finishing), so no job
 * is ever cut short. Hence installed = max(planned, busy) and free = max(0, planned - busy).
 */
public final class Pool {

    private final int index;
    private final String siteId;
    private final String providerId;
    private final GpuType type;
    private final double pricePerGpuHour;
    private final CapacityPlan plan;
    private final Scheduler clock;
    private final PoolListener listener;
    private final double measureFrom;
    private final PoolQueue queue;
    private final ArrayList<Job> running = new ArrayList<>();
    private final ModelEvent buildOut = ModelEvent.of(this::applyDueSteps);
    private final StartEstimator estimator;
    private final Forecast forecast = new Forecast();

    private int nextStep;
    private long planned;
    private int busy;
    private double lastChange;
    private double busyGpuHours;
    private double installedGpuHours;

    /**
     * @param index           position in the fleet
     * @param priorities      every class priority of the scenario
     * @param measureFrom     start of the measured period (end of warm-up), hours
     * @param estimator       shared by the pools of one replication
     */
    public Pool(int index, String siteId, String providerId, GpuType type, double pricePerGpuHour,
            CapacityPlan plan, int[] priorities, Scheduler clock, PoolListener listener, double measureFrom,
            StartEstimator estimator) {
        this.index = index;
        this.siteId = siteId;
        this.providerId = providerId;
        this.type = type;
        this.pricePerGpuHour = pricePerGpuHour;
        this.plan = plan;
        this.clock = clock;
        this.listener = listener;
        this.measureFrom = measureFrom;
        this.queue = new PoolQueue(priorities);
        this.estimator = estimator;
    }

    /** Installs the capacity present at the start and schedules the build-out. Call once. */
    public void open() {
        planned = plan.initial();
        lastChange = clock.now();
        if (plan.steps() > 0) {
            clock.at(Math.max(plan.time(0), clock.now()), buildOut);
        }
        listener.poolChanged(this);
    }

    /** Queues a job here (sizing it for this GPU type) and starts what can start. */
    public void enqueue(Job job) {
        double now = clock.now();
        accumulate(now);
        job.pool = this;
        job.gpus = job.size().gpus(type);
        job.hours = job.size().hours(type);
        if (joinsTail(job.jobClass().priority()) && forecast.valid()) {
            double start = forecast.earliestStart(job.gpus, now);
            if (start < Double.POSITIVE_INFINITY) {
                forecast.commit(job.gpus, job.hours, start);
            } else {
                forecast.invalidate();
            }
        } else {
            forecast.invalidate(); // it jumps ahead of queued jobs: their forecast starts change
        }
        queue.add(job);
        dispatch();
        listener.poolChanged(this);
    }

    /** Brings the time integrals up to {@code end}; call once when the replication ends. */
    public void close(double end) {
        accumulate(end);
    }

    private void applyDueSteps() {
        double now = clock.now();
        accumulate(now);
        boolean retired = false;
        while (nextStep < plan.steps() && plan.time(nextStep) <= now) {
            int delta = plan.delta(nextStep++);
            planned += delta;
            retired |= delta < 0;
        }
        if (retired) {
            rejectJobsThatCanNeverFit();
        }
        if (nextStep < plan.steps()) {
            clock.at(plan.time(nextStep), buildOut);
        }
        dispatch();
        listener.poolChanged(this);
    }

    private void rejectJobsThatCanNeverFit() {
        long max = maxFutureInstalled();
        queue.removeIf(job -> job.gpus > max, job -> {
            forecast.invalidate();
            job.reject("needs " + job.gpus + " GPUs; after retirements " + name() + " will never have more than " + max);
            listener.jobEnded(job);
        });
    }

    private void dispatch() {
        Job head;
        while ((head = queue.peek()) != null && head.gpus <= planned - busy) {
            queue.poll();
            start(head);
        }
        assert busy >= 0 && busy <= installed() : "GPU conservation broken in " + name();
    }

    private void start(Job job) {
        double now = clock.now();
        busy += job.gpus;
        job.status = JobStatus.RUNNING;
        job.start = now;
        job.runningIndex = running.size();
        running.add(job);
        clock.at(now + job.hours, new Completion(job));
        listener.jobStarted(job);
    }

    private void complete(Job job) {
        double now = clock.now();
        accumulate(now);
        busy -= job.gpus;
        removeRunning(job);
        job.status = JobStatus.COMPLETED;
        job.end = now;
        job.costUsd = job.gpuHours(now) * pricePerGpuHour;
        listener.jobEnded(job);
        dispatch();
        listener.poolChanged(this);
    }

    private void removeRunning(Job job) {
        int at = job.runningIndex;
        Job last = running.remove(running.size() - 1);
        if (last != job) {
            running.set(at, last);
            last.runningIndex = at;
        }
        job.runningIndex = -1;
    }

    private void accumulate(double now) {
        double from = Math.max(lastChange, measureFrom);
        if (now > from) {
            busyGpuHours += busy * (now - from);
            installedGpuHours += installed() * (now - from);
        }
        lastChange = Math.max(lastChange, now);
    }

    private final class Completion extends ModelEvent {
        private final Job job;

        Completion(Job job) {
            this.job = job;
        }

        @Override
        protected void fire() {
            complete(job);
        }
    }

    // ---- read access ----

    public int index() {
        return index;
    }

    public String siteId() {
        return siteId;
    }

    public String providerId() {
        return providerId;
    }

    public GpuType type() {
        return type;
    }

    /** {@code site/type}, as errors and logs name a pool. */
    public String name() {
        return siteId + "/" + type.name();
    }

    public double pricePerGpuHour() {
        return pricePerGpuHour;
    }

    /** GPUs present: the plan's count, or more while a retirement waits for busy GPUs. */
    public int installed() {
        return (int) Math.max(planned, busy);
    }

    /** GPUs the build-out plan gives now (installed minus those waiting to retire). */
    public long planned() {
        return planned;
    }

    public int busy() {
        return busy;
    }

    /** GPUs free to start jobs now. */
    public int free() {
        return (int) Math.max(0, planned - busy);
    }

    /**
     * Earliest time a job of {@code gpus} and {@code priority} could start here if queued now (see
     * {@link StartEstimator}); +infinity when never.
     */
    public double earliestStart(int gpus, int priority, double now) {
        if (gpus > maxFutureInstalled()) {
            return Double.POSITIVE_INFINITY;
        }
        if (queue.size() == 0 && gpus <= planned - busy) {
            return now;
        }
        if (joinsTail(priority)) {
            if (!forecast.valid()) {
                estimator.rebuild(this, now, forecast);
            }
            if (forecast.valid()) {
                return forecast.earliestStart(gpus, now);
            }
        }
        return estimator.earliestStart(this, gpus, priority, now);
    }

    /** Whether a job of {@code priority} would queue behind every queued job. */
    private boolean joinsTail(int priority) {
        return queue.size() == 0 || priority <= queue.lowestPriority();
    }

    public int queuedJobs() {
        return queue.size();
    }

    public long queuedGpus() {
        return queue.gpus();
    }

    /** The running jobs, read-only, in no particular order. */
    public List<Job> running() {
        return Collections.unmodifiableList(running);
    }

    /** The most GPUs the plan will give this pool from now on (the biggest job it can ever run). */
    public long maxFutureInstalled() {
        return plan.maxFrom(nextStep);
    }

    public CapacityPlan plan() {
        return plan;
    }

    /** Index of the first build-out step not applied yet. */
    public int nextStep() {
        return nextStep;
    }

    PoolQueue queue() {
        return queue;
    }

    /** Busy GPU-hours in the measured period so far. */
    public double busyGpuHours() {
        return busyGpuHours;
    }

    /** Installed GPU-hours in the measured period so far. */
    public double installedGpuHours() {
        return installedGpuHours;
    }

    /** Visits the queued jobs in start order. */
    public void forEachQueued(java.util.function.Consumer<Job> visitor) {
        queue.forEach(visitor);
    }
}
