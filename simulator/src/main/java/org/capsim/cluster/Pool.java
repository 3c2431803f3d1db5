package org.capsim.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.capsim.engine.ModelEvent;
import org.capsim.engine.Scheduler;
import org.capsim.model.Failures;
import org.capsim.model.GpuType;
import org.capsim.model.JobStatus;
import org.capsim.model.Scheduling;
import org.capsim.random.JobStream;

/**
 * The GPUs of one type at one site, with its queue and gang scheduler.
 *
 * <p>FIFO gang scheduling: the head of the queue (highest priority, then first come) starts when
 * all its GPUs are free, and nothing behind it may start first, except under EASY backfill,
 * where a later job may start at once if it fits in the free GPUs and does not delay the start
 * reserved for the head. Capacity follows the pool's {@link CapacityPlan}: additions come online
 * when they really happen; a retirement takes idle GPUs at once and the rest as soon as GPUs fall
 * idle (running jobs finishing), so no job is ever cut short. An inference reservation takes GPUs
 * from training the same way: free ones at once, busy ones as their jobs end. Hence, with
 * training capacity C = planned - reserved target: free = max(0, C - busy).
 */
public final class Pool {

    private final int index;
    private final String siteId;
    private final String providerId;
    private final GpuType type;
    private final double pricePerGpuHour;
    private final CapacityPlan plan;
    private final boolean backfill;
    private final Interruptions interruptions; // null without failures
    private final double horizon;
    private final Scheduler clock;
    private final PoolListener listener;
    private final double measureFrom;
    private final PoolQueue queue;
    private final ArrayList<Job> running = new ArrayList<>();
    private final ModelEvent buildOut = ModelEvent.of(this::applyDueSteps);
    private final StartEstimator estimator;
    private final Forecast forecast = new Forecast();
    /** When {@link #forecast} was last rebuilt. */
    private double forecastMadeAt = Double.NaN;

    private long planned;
    private long maxFuture;
    private long reserveTarget;
    /** Expected future changes of the reservation, as steps of training capacity (time, delta). */
    private double[] reserveTimes = new double[0];
    private long[] reserveDeltas = new long[0];
    private int busy;
    private double lastChange;
    private double busyGpuHours;
    private double installedGpuHours;
    private double reservedGpuHours;

    /** How a pool schedules and whether its jobs fail: the same for every pool of a replication. */
    public record Rules(Scheduling scheduling, Failures failures, double horizon, int[] priorities, double measureFrom) {
    }

    /**
     * @param index     position in the fleet
     * @param rules     scheduling, failures, horizon, every class priority, start of the measured period
     * @param failures  the failure draws, per job (unused without failures)
     * @param estimator shared by the pools of one replication
     */
    public Pool(int index, String siteId, String providerId, GpuType type, double pricePerGpuHour,
            CapacityPlan plan, Rules rules, JobStream failures, Scheduler clock, PoolListener listener,
            StartEstimator estimator) {
        this.index = index;
        this.siteId = siteId;
        this.providerId = providerId;
        this.type = type;
        this.pricePerGpuHour = pricePerGpuHour;
        this.plan = plan;
        this.backfill = rules.scheduling() == Scheduling.EASY_BACKFILL;
        this.interruptions = rules.failures() == null ? null : new Interruptions(rules.failures(), failures);
        this.horizon = rules.horizon();
        int[] priorities = rules.priorities();
        double measureFrom = rules.measureFrom();
        this.clock = clock;
        this.listener = listener;
        this.measureFrom = measureFrom;
        this.queue = new PoolQueue(priorities);
        this.estimator = estimator;
    }

    /** Installs the capacity present at the start and schedules the build-out. Call once. */
    public void open() {
        double now = clock.now();
        planned = plan.initial();
        maxFuture = maxFutureCapacity(now);
        lastChange = now;
        scheduleBuildOut(now);
        listener.poolChanged(this);
    }

    private void scheduleBuildOut(double now) {
        double next = plan.nextChange(now);
        if (next < Double.POSITIVE_INFINITY) {
            clock.at(next, buildOut);
        }
    }

    /** Queues a job here (sizing it for this GPU type) and starts what can start. */
    public void enqueue(Job job) {
        double now = clock.now();
        accumulate(now);
        job.pool = this;
        job.gpus = job.size().gpus(type);
        job.hours = job.size().hours(type);
        if (interruptions != null) {
            interruptions.sample(job, job.gpus, job.hours, horizon - now);
        } else {
            job.heldHours = job.hours;
        }
        if (joinsTail(job.jobClass().priority()) && forecastHolds(now)) {
            double start = forecast.earliestStart(job.gpus, now);
            if (start < Double.POSITIVE_INFINITY) {
                forecast.commit(job.gpus, job.heldHours, start);
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

    /** A tranche came (or retired), or one turned out late or cancelled. */
    private void applyDueSteps() {
        double now = clock.now();
        accumulate(now);
        planned += plan.realizeUntil(now);
        forecast.invalidate(); // what is believed may have changed: rebuild on the next question
        scheduleBuildOut(now);
        listener.capacityChanged(this); // may re-split an inference reservation
        refreshMaxFuture(now);
        dispatch();
        listener.poolChanged(this);
    }

    /**
     * Sets the GPUs held back for inference here and the expected future changes of that target
     * (steps of training capacity: negative when the reservation grows).
     */
    public void reserve(long target, double[] futureTimes, long[] futureDeltas) {
        double now = clock.now();
        accumulate(now);
        boolean changed = target != reserveTarget || !java.util.Arrays.equals(futureTimes, reserveTimes)
                || !java.util.Arrays.equals(futureDeltas, reserveDeltas);
        reserveTarget = target;
        reserveTimes = futureTimes;
        reserveDeltas = futureDeltas;
        if (changed) {
            forecast.invalidate();
            refreshMaxFuture(now);
            dispatch();
            listener.poolChanged(this);
        }
    }

    private void rejectJobsThatCanNeverFit() {
        long max = maxFutureInstalled();
        queue.removeIf(job -> job.gpus > max, job -> {
            forecast.invalidate();
            job.reject("needs " + job.gpus + " GPUs; after retirements and inference reservations " + name()
                    + " will never have more than " + max + " for training");
            listener.jobEnded(job);
        });
    }

    private void dispatch() {
        Job head;
        while ((head = queue.peek()) != null && head.gpus <= capacity() - busy) {
            queue.poll();
            start(head);
        }
        if (backfill && head != null && queue.size() > 1 && capacity() - busy > 0) {
            backfillBehind(head);
        }
        assert busy >= 0 && busy <= installed() : "GPU conservation broken in " + name();
    }

    /**
     * EASY backfill: the head keeps the earliest start it could get (its shadow time); a later job
     * starts now if it fits in the free GPUs and either ends by the shadow time or uses only GPUs
     * the head will not need then (the extra GPUs). Known held times make the promise exact.
     */
    private void backfillBehind(Job head) {
        double now = clock.now();
        long free = capacity() - busy;
        if (!queue.anyBehindHeadFits(free)) {
            return;
        }
        double shadow = estimator.shadow(this, head.gpus, now);
        if (Double.isNaN(head.reservedStart)) {
            head.reservedStart = shadow;
        }
        long[] extra = {estimator.extraAtShadow()};
        long[] left = {free};
        int before = running.size();
        queue.startBehindHead(job -> {
            if (job.gpus > left[0]) {
                return false;
            }
            boolean endsInTime = now + job.heldHours <= shadow;
            if (!endsInTime && job.gpus > extra[0]) {
                return false;
            }
            if (!endsInTime) {
                extra[0] -= job.gpus;
            }
            left[0] -= job.gpus;
            return true;
        }, this::start);
        if (running.size() != before) {
            forecast.invalidate(); // jobs started out of queue order
        }
    }

    private void start(Job job) {
        double now = clock.now();
        busy += job.gpus;
        job.status = JobStatus.RUNNING;
        job.start = now;
        job.runningIndex = running.size();
        running.add(job);
        if (now + job.heldHours <= horizon) {
            clock.at(now + job.heldHours, new Completion(job));
        }
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
            int reserved = reserved();
            busyGpuHours += busy * (now - from);
            installedGpuHours += (installed() - reserved) * (now - from);
            reservedGpuHours += reserved * (now - from);
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
        return (int) Math.max(0, Math.max(planned, busy));
    }

    /** GPUs held back for inference now: the target, or fewer while training jobs still hold them. */
    public int reserved() {
        return (int) Math.max(0, Math.min(reserveTarget, planned - busy));
    }

    /** GPUs inference should hold here now. */
    public long reserveTarget() {
        return reserveTarget;
    }

    /** GPUs for training now: the plan's count less the inference reservation (may be negative). */
    long capacity() {
        return planned - reserveTarget;
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
        return (int) Math.max(0, capacity() - busy);
    }

    /**
     * Earliest time a job of {@code gpus} and {@code priority} could start here if queued now (see
     * {@link StartEstimator}); +infinity when never.
     */
    public double earliestStart(int gpus, int priority, double now) {
        double settled = settledStart(gpus, now);
        if (!Double.isNaN(settled)) {
            return settled;
        }
        if (joinsTail(priority)) {
            if (!forecastHolds(now)) {
                estimator.rebuild(this, now, forecast);
                forecastMadeAt = now;
            }
            if (forecast.valid()) {
                return forecast.earliestStart(gpus, now);
            }
        }
        return estimator.earliestStart(this, gpus, priority, now);
    }

    /**
     * {@link #earliestStart} when it is at most {@code limit}, else some time above {@code limit}
     * and not above it. While a tranche is overdue the forecast must be replayed at every new
     * instant (see {@link #forecastHolds}); the last one, made earlier, still bounds the answer
     * from below: since then capacity can only have come later than it assumed and queued jobs
     * started no earlier, so no job can start sooner now (strict FIFO is monotone in both). When
     * that bound already exceeds {@code limit}, the replay is skipped: a policy ranking pools by
     * earliest start then asks for a full replay only of the pools that can still win.
     */
    public double earliestStartUpTo(int gpus, int priority, double now, double limit) {
        if (Double.isNaN(settledStart(gpus, now)) && joinsTail(priority) && forecast.valid() && !forecastHolds(now)) {
            double bound = forecast.earliestStart(gpus, now);
            if (bound > limit) {
                return bound;
            }
        }
        return earliestStart(gpus, priority, now);
    }

    /**
     * What {@link #earliestStart} answers, found by replaying every queued job ahead without the
     * forecast it keeps: slower, for checking that forecast.
     */
    public double replayedEarliestStart(int gpus, int priority, double now) {
        double settled = settledStart(gpus, now);
        return Double.isNaN(settled) ? estimator.earliestStart(this, gpus, priority, now) : settled;
    }

    /**
     * The answer when the queue need not be consulted: +infinity when the pool will never have
     * {@code gpus} for training, {@code now} when nothing waits and they are free; else NaN.
     */
    private double settledStart(int gpus, double now) {
        if (gpus > maxFutureInstalled()) {
            return Double.POSITIVE_INFINITY;
        }
        return queue.size() == 0 && gpus <= capacity() - busy ? now : Double.NaN;
    }

    /**
     * Whether the forecast still describes the future: it was not thrown away, and no overdue
     * tranche moved its believed arrival ("now") since the forecast was made.
     */
    private boolean forecastHolds(double now) {
        return forecast.valid() && (forecastMadeAt == now || !plan.overdue(now));
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

    /**
     * The most GPUs training is believed to get in this pool from now on (build-out less the
     * inference reservation, as expected now): the biggest job it can ever run.
     */
    public long maxFutureInstalled() {
        return maxFuture;
    }

    /** Recomputes the largest future training capacity; rejects queued jobs it can no longer fit. */
    private void refreshMaxFuture(double now) {
        long before = maxFuture;
        maxFuture = maxFutureCapacity(now);
        if (maxFuture < before) {
            rejectJobsThatCanNeverFit();
        }
    }

    /** The largest training capacity over the believed future, each instant's steps applied together. */
    private long maxFutureCapacity(double now) {
        int size = plan.size() + reserveTimes.length;
        double[] times = new double[size];
        long[] deltas = new long[size];
        int[] n = {0};
        forEachFutureStep(now, (time, delta) -> {
            times[n[0]] = time;
            deltas[n[0]++] = delta;
        });
        Integer[] order = new Integer[n[0]];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(times[a], times[b]));
        long level = capacity();
        long max = level;
        for (int k = 0; k < order.length; k++) {
            level += deltas[order[k]];
            if (k + 1 == order.length || times[order[k + 1]] != times[order[k]]) {
                max = Math.max(max, level);
            }
        }
        return Math.max(0, max);
    }

    /** Visits, in time order per source, the capacity steps believed to come: build-out and reservation changes. */
    void forEachFutureStep(double now, CapacityPlan.StepVisitor visitor) {
        plan.forEachBelieved(now, visitor);
        for (int i = 0; i < reserveTimes.length; i++) {
            if (reserveTimes[i] > now) {
                visitor.step(reserveTimes[i], reserveDeltas[i]);
            }
        }
    }

    /** Build-out steps believed to come, as policies see them: (time, GPUs). */
    public void forEachUpcomingTranche(CapacityPlan.StepVisitor visitor) {
        plan.forEachBelieved(clock.now(), visitor);
    }

    PoolQueue queue() {
        return queue;
    }

    /** Busy GPU-hours in the measured period so far. */
    public double busyGpuHours() {
        return busyGpuHours;
    }

    /** GPU-hours available to training in the measured period so far (installed less reserved). */
    public double installedGpuHours() {
        return installedGpuHours;
    }

    /** GPU-hours held for inference in the measured period so far. */
    public double reservedGpuHours() {
        return reservedGpuHours;
    }

    /** Visits the queued jobs in start order. */
    public void forEachQueued(java.util.function.Consumer<Job> visitor) {
        queue.forEach(visitor);
    }
}
