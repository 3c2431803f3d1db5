package org.capsim.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import org.capsim.engine.ModelEvent;
import org.capsim.engine.Scheduler;
import org.capsim.model.Failures;
import org.capsim.model.GpuType;
import org.capsim.model.JobStatus;
import org.capsim.model.Scheduling;
import org.capsim.random.JobStream;
import org.capsim.workload.JobSize;

/**
 * The GPUs of one type at one site, with its queue and gang scheduler: the face the rest of the
 * model uses. The parts, one concept each: the jobs waiting ({@link PoolQueue}) and which of them
 * start ({@link QueueDiscipline}: FIFO or EASY backfill), the GPU counts with their build-out and
 * inference reservation ({@link Capacity}), the measured GPU-hours ({@link GpuHours}) and the
 * earliest-start answers for policies ({@link EarliestStarts}).
 */
public final class Pool {

    private final int index;
    private final String siteId;
    private final String providerId;
    private final GpuType type;
    private final double pricePerGpuHour;
    private final Interruptions interruptions; // null without failures
    private final double horizon;
    private final Scheduler clock;
    private final PoolListener listener;
    private final PoolQueue queue;
    private final ArrayList<Job> running = new ArrayList<>();
    private final ModelEvent buildOut = ModelEvent.of(this::applyDueSteps);
    private final Capacity capacity;
    private final GpuHours gpuHours;
    private final QueueDiscipline discipline;
    private final EarliestStarts starts;
    private final EasyStarts easyStarts; // null under FIFO
    /** Counts the events that changed this pool, so an estimate knows when it still holds. */
    private long changes;
    /** Jobs started so far; what it was when the pending build-out event, and the last reservation change, were scheduled. */
    private long startCount;
    private long buildOutMark;
    private long reserveMark;

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
        this.interruptions = rules.failures() == null ? null : new Interruptions(rules.failures(), failures);
        this.horizon = rules.horizon();
        this.clock = clock;
        this.listener = listener;
        this.queue = new PoolQueue(rules.priorities());
        this.capacity = new Capacity(plan);
        this.gpuHours = new GpuHours(rules.measureFrom());
        this.discipline = QueueDiscipline.of(rules.scheduling(), this, queue, capacity, estimator, clock);
        this.starts = new EarliestStarts(this, queue, capacity, estimator);
        this.easyStarts = rules.scheduling() == Scheduling.EASY_BACKFILL ? new EasyStarts(this, queue, capacity, starts) : null;
    }

    /** Installs the capacity present at the start and schedules the build-out. Call once. */
    public void open() {
        double now = clock.now();
        capacity.open(now);
        gpuHours.open(now);
        scheduleBuildOut(now);
        listener.poolChanged(this);
    }

    private void scheduleBuildOut(double now) {
        double next = capacity.nextChange(now);
        if (next < Double.POSITIVE_INFINITY) {
            clock.at(next, buildOut);
            buildOutMark = startCount;
        }
    }

    /** Queues a job here (sizing it for this GPU type) and starts what can start. */
    public void enqueue(Job job) {
        double now = clock.now();
        gpuHours.accumulate(now, capacity);
        job.pool = this;
        job.gpus = gpusFor(job, now);
        job.hours = job.size().hoursOn(type, job.gpus);
        if (interruptions != null) {
            interruptions.sample(job, job.gpus, job.hours, horizon - now);
        } else {
            job.heldHours = job.hours;
        }
        starts.admit(job, now);
        queue.add(job);
        changes++; // after the sizing above, which asked the pool as it was without the job
        dispatch();
        listener.poolChanged(this);
    }

    /**
     * {@code job}, queued here, leaves at its patience's end (SPEC 6.1): it is abandoned, and the
     * jobs behind it may start.
     */
    public void abandon(Job job) {
        double now = clock.now();
        if (!queue.remove(job)) {
            throw new IllegalStateException(job + " is not queued at " + name());
        }
        changes++;
        gpuHours.accumulate(now, capacity);
        starts.invalidate(); // the plans counted it
        job.leave(now);
        listener.jobEnded(job);
        dispatch();
        listener.poolChanged(this);
    }

    /** Brings the time integrals up to {@code end}; call once when the replication ends. */
    public void close(double end) {
        gpuHours.accumulate(end, capacity);
    }

    /** A tranche came (or retired), or one turned out late or cancelled. */
    private void applyDueSteps() {
        double now = clock.now();
        changes++;
        gpuHours.accumulate(now, capacity);
        capacity.realizeUntil(now);
        starts.invalidate(); // what is believed may have changed: rebuild on the next question
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
        gpuHours.accumulate(now, capacity);
        if (capacity.reserve(target, futureTimes, futureDeltas)) {
            changes++;
            starts.invalidate();
            refreshMaxFuture(now);
            dispatch();
            listener.poolChanged(this);
        }
        reserveMark = startCount; // the next reservation step is scheduled after this
    }

    /**
     * Sets the installed GPUs here that the site's power cannot feed now (SPEC 6.2) and the
     * expected future changes of that (steps of training capacity: negative when more are
     * stranded). Running jobs are never stopped: the pool stops starting jobs until it is back
     * within power.
     */
    public void power(long stranded, double[] futureTimes, long[] futureDeltas) {
        double now = clock.now();
        gpuHours.accumulate(now, capacity);
        if (capacity.strand(stranded, futureTimes, futureDeltas)) {
            changes++;
            starts.invalidate();
            refreshMaxFuture(now);
            dispatch();
            listener.poolChanged(this);
        }
    }

    /** Installed GPUs here that the site's power cannot feed now. */
    public long stranded() {
        return capacity.stranded();
    }

    /** Recomputes the largest future training capacity; rejects queued jobs it can no longer fit. */
    private void refreshMaxFuture(double now) {
        if (capacity.refreshMaxFuture(now)) {
            rejectJobsThatCanNeverFit();
        }
    }

    private void rejectJobsThatCanNeverFit() {
        long max = maxFutureInstalled();
        queue.removeIf(job -> job.gpus > max, job -> {
            starts.invalidate();
            job.reject("needs " + job.gpus + " GPUs; after retirements and inference reservations " + name()
                    + " will never have more than " + max + " for training");
            listener.jobEnded(job);
        });
    }

    private void dispatch() {
        if (discipline.dispatch()) {
            starts.invalidate(); // jobs started out of queue order
        }
        assert capacity.busy() >= 0 && capacity.busy() <= installed() : "GPU conservation broken in " + name();
    }

    /** Starts a job the queue discipline let go. */
    void start(Job job) {
        double now = clock.now();
        changes++; // an arrival's own sizing asked the pool before this start, within the same change
        capacity.take(job.gpus);
        starts.started(job, now);
        job.status = JobStatus.RUNNING;
        job.start = now;
        job.runningIndex = running.size();
        job.startOrder = startCount++;
        running.add(job);
        if (now + job.heldHours <= horizon) {
            clock.at(now + job.heldHours, new Completion(job));
        }
        listener.jobStarted(job);
    }

    private void complete(Job job) {
        double now = clock.now();
        changes++;
        gpuHours.accumulate(now, capacity);
        capacity.release(job.gpus);
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

    /** Whether it schedules with EASY backfill (else strict FIFO). */
    public boolean backfills() {
        return easyStarts != null;
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
        return capacity.installed();
    }

    /** GPUs held back for inference now: the target, or fewer while training jobs still hold them. */
    public int reserved() {
        return capacity.reserved();
    }

    /** GPUs inference should hold here now. */
    public long reserveTarget() {
        return capacity.reserveTarget();
    }

    /** GPUs the build-out plan gives now (installed minus those waiting to retire). */
    public long planned() {
        return capacity.planned();
    }

    public int busy() {
        return capacity.busy();
    }

    /** GPUs free to start jobs now. */
    public int free() {
        return capacity.free();
    }

    /**
     * Earliest time a job of {@code gpus} and {@code priority} could start here if queued now (see
     * {@link StartEstimator}); +infinity when never. Strict FIFO's answer, approximate under EASY
     * backfill: there {@link #earliestStart(Job, double)} knows the job's held time.
     */
    public double earliestStart(int gpus, int priority, double now) {
        return starts.earliestStart(gpus, priority, now);
    }

    /**
     * {@link #earliestStart} when it is at most {@code limit}, else some time above {@code limit}
     * and not above it: when a lower bound already exceeds {@code limit}, the replay is skipped,
     * so a policy ranking pools by earliest start asks for a full replay only of the pools that
     * can still win.
     */
    public double earliestStartUpTo(int gpus, int priority, double now, double limit) {
        return starts.earliestStartUpTo(gpus, priority, now, limit);
    }

    /**
     * A time no later than {@link #earliestStart(Job, double)}, found without replaying the queue
     * (under EASY backfill a later job may start first, so only {@code now}).
     */
    public double earliestStartAtLeast(int gpus, int priority, double now) {
        return easyStarts == null ? starts.atLeast(gpus, priority, now) : now;
    }

    /**
     * A time no earlier than {@link #earliestStart(Job, double)}, found without replaying the
     * queue; +infinity when none is known that way (always under EASY backfill).
     */
    public double earliestStartAtMost(int gpus, int priority, double now) {
        return easyStarts == null ? starts.atMost(gpus, priority, now) : Double.POSITIVE_INFINITY;
    }

    /**
     * What {@link #earliestStart} answers, found by replaying every queued job ahead without the
     * forecast it keeps: slower, for checking that forecast.
     */
    public double replayedEarliestStart(int gpus, int priority, double now) {
        return starts.replayed(gpus, priority, now);
    }

    /**
     * When {@code job} would start here if queued now, at the size it would take
     * ({@link #gpusFor}): under strict FIFO {@link #earliestStart}; under EASY backfill the start
     * the pool will give it unless something unforeseen happens (its own held time decides
     * whether it may backfill), see {@link EasyStarts}.
     */
    public double earliestStart(Job job, double now) {
        return job.size().elastic() ? elasticChoice(job, now, false).start() : startOf(job, job.size().gpus(type), now);
    }

    /** {@link #earliestStart(Job, double)} with a limit, as {@link #earliestStartUpTo} has. */
    public double earliestStartUpTo(Job job, double now, double limit) {
        if (job.size().elastic()) {
            return elasticChoice(job, now, false).start();
        }
        int gpus = job.size().gpus(type);
        int priority = job.jobClass().priority();
        return easyStarts == null ? starts.earliestStartUpTo(gpus, priority, now, limit)
                : easyStarts.earliestStart(gpus, priority, heldHours(job, gpus, now), now, limit);
    }

    /** {@link #earliestStart(Job, double)} found again without any kept answer or forecast: for checking. */
    public double replayedEarliestStart(Job job, double now) {
        return job.size().elastic() ? elasticChoice(job, now, true).start()
                : replayedStartOf(job, job.size().gpus(type), now);
    }

    /**
     * The GPUs {@code job} takes here if queued now: its full size, or for an elastic run (SPEC
     * 6.1) the candidate size whose expected finish (estimated start + run time) is earliest,
     * ties going to the larger size.
     */
    public int gpusFor(Job job, double now) {
        return job.size().elastic() ? elasticChoice(job, now, false).gpus() : job.size().gpus(type);
    }

    /** An elastic run's best size here, with its estimated start; the replay, not the forecast, when {@code replayed}. */
    ElasticChoice elasticChoice(Job job, double now, boolean replayed) {
        // a routing question, the ROFR promise and the placement ask the same: one answer per pool state
        if (!replayed && job == elasticJob && now == elasticNow && changes == elasticVersion) {
            return elasticAnswer;
        }
        ElasticChoice choice = bestSize(job, now, replayed);
        if (!replayed) {
            elasticJob = job;
            elasticNow = now;
            elasticVersion = changes;
            elasticAnswer = choice;
        }
        return choice;
    }

    private ElasticChoice bestSize(Job job, double now, boolean replayed) {
        int[] sizes = ((JobSize.Compute) job.size()).candidates(type);
        int best = sizes[0];
        double bestStart = Double.POSITIVE_INFINITY;
        double bestFinish = Double.POSITIVE_INFINITY;
        for (int gpus : sizes) {
            double start = replayed ? replayedStartOf(job, gpus, now) : startOf(job, gpus, now);
            double finish = start + job.size().hoursOn(type, gpus);
            if (finish < bestFinish) { // strictly earlier: a tie keeps the larger size seen first
                best = gpus;
                bestStart = start;
                bestFinish = finish;
            }
        }
        return new ElasticChoice(best, bestStart, bestFinish);
    }

    /** The last elastic run asked about here, when, at which {@link #changes}, and the answer. */
    private Job elasticJob;
    private double elasticNow = Double.NaN;
    private long elasticVersion = -1;
    private ElasticChoice elasticAnswer;

    /** An elastic run's size at a pool, with its estimated start and expected finish. */
    record ElasticChoice(int gpus, double start, double finish) {
    }

    private double startOf(Job job, int gpus, double now) {
        int priority = job.jobClass().priority();
        return easyStarts == null ? starts.earliestStart(gpus, priority, now)
                : easyStarts.earliestStart(gpus, priority, heldHours(job, gpus, now), now, Double.POSITIVE_INFINITY);
    }

    private double replayedStartOf(Job job, int gpus, double now) {
        int priority = job.jobClass().priority();
        return easyStarts == null ? starts.replayed(gpus, priority, now)
                : easyStarts.replayed(gpus, priority, heldHours(job, gpus, now), now);
    }

    /** The hours {@code job} would hold {@code gpus} GPUs here if queued now, as {@link #enqueue} sets them. */
    private double heldHours(Job job, int gpus, double now) {
        double hours = job.size().hoursOn(type, gpus);
        return interruptions == null ? hours : interruptions.heldHours(job, gpus, hours, horizon - now);
    }

    /** Events that changed this pool so far. */
    long changes() {
        return changes;
    }

    /** Jobs started here so far. */
    long startCount() {
        return startCount;
    }

    /** {@link #startCount} when the pending build-out event was scheduled: it runs after those jobs' completions at its time. */
    long buildOutMark() {
        return buildOutMark;
    }

    /** {@link #startCount} after the last reservation change: the next reservation step runs after those jobs' completions. */
    long reserveMark() {
        return reserveMark;
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
        return capacity.maxFuture();
    }

    /** Build-out steps believed to come, as policies see them: (time, GPUs). */
    public void forEachUpcomingTranche(CapacityPlan.StepVisitor visitor) {
        capacity.forEachBelievedTranche(clock.now(), visitor);
    }

    PoolQueue queue() {
        return queue;
    }

    Capacity capacity() {
        return capacity;
    }

    /** Busy GPU-hours in the measured period so far. */
    public double busyGpuHours() {
        return gpuHours.busy();
    }

    /** GPU-hours available to training in the measured period so far (installed less reserved). */
    public double installedGpuHours() {
        return gpuHours.training();
    }

    /** GPU-hours held for inference in the measured period so far. */
    public double reservedGpuHours() {
        return gpuHours.reserved();
    }

    /** Visits the queued jobs in start order. */
    public void forEachQueued(Consumer<Job> visitor) {
        queue.forEach(visitor);
    }
}
