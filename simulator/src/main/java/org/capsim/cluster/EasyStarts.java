package org.capsim.cluster;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Start estimates of a pool under EASY backfill, exact when nothing unforeseen happens: the
 * pool's future is replayed event by event under the rules the pool applies ({@link BackfillRule},
 * the head first, gang scheduling) with the newcomer in the queue, until the newcomer starts.
 *
 * <p>What the replay foresees: running jobs end at start + held hours, the build-out and the
 * inference reservation step as believed now, and every event gets its own dispatch pass in the
 * order the event list would run it. Same-instant events are ordered as they were scheduled:
 * completions by start order; a build-out event after the completions of the jobs started before
 * it was scheduled; a reservation step after those started by the pass that scheduled it. The
 * shadow time of a waiting head is found each pass from the pending events, as the pool finds it
 * from its running jobs and believed capacity (a reservation step due now counts only once
 * applied). A job of the newcomer's priority or higher stays ahead of it; the jobs behind it may
 * backfill and so delay it. Under strict FIFO the pool's {@link Forecast} is used instead.
 *
 * <p>The cost is one pass over the queue per event until the newcomer starts (a pass stops once
 * no GPU is left, and a head's shadow time is found once). A replay that needs more than
 * {@link #WORK_LIMIT} steps gives the strict FIFO estimate instead, approximate as before, so
 * exactness holds for queues of up to a few hundred jobs. The last answer is kept while the pool
 * is unchanged, since a policy and the ROFR promise ask the same question in a row. A second
 * question about an unchanged pool records its replay with a newcomer that never starts
 * ({@link EasyTrajectory}), and later questions at that place in the queue read their start
 * from the record, a step per event, until the pool changes. Not thread-safe: one per pool.
 */
final class EasyStarts {

    private static final byte END = 0;
    private static final byte BUILD = 1;
    private static final byte RESERVE = 2;
    /** Order key of a capacity event whose predecessor has not fired in the replay yet. */
    private static final long UNSCHEDULED = Long.MAX_VALUE;
    /**
     * Jobs looked at and events replayed before a question is given up for the strict FIFO
     * estimate: the replay costs queue x events, too much for the longest queues (a trace with
     * thousands waiting), where the answer is approximate as before.
     */
    static final long WORK_LIMIT = 5_000;
    /**
     * Answers that are FIFO's estimate because their replay was given up (again when kept), by
     * every pool of the JVM: what the laws leave out.
     */
    static final AtomicLong GIVEN_UP = new AtomicLong();
    /** Answers read from a recorded replay (see {@link EasyTrajectory}), by every pool of the JVM: what the laws check. */
    static final AtomicLong FROM_RECORD = new AtomicLong();

    private final Pool pool;
    private final PoolQueue queue;
    private final Capacity capacity;
    private final EarliestStarts fifo;
    private final BackfillRule rule = new BackfillRule();
    private final CapacityPlan.StepVisitor buildStep = (time, delta) -> add(time, UNSCHEDULED, delta, BUILD);
    private final CapacityPlan.StepVisitor reserveStep = (time, delta) -> add(time, UNSCHEDULED, delta, RESERVE);

    // the queue replayed, in start order: a list linked through next[], so a start unlinks in O(1)
    private int[] gpus = new int[64];
    private double[] held = new double[64];
    private int[] next = new int[64];
    private int first;
    private int newcomer;

    // pending events, sorted by (time, order) from head to end
    private double[] times = new double[64];
    private long[] orders = new long[64];
    private long[] deltas = new long[64];
    private byte[] kinds = new byte[64];
    private int head;
    private int end;

    private double now;
    /** Jobs looked at and events replayed so far in this replay. */
    private long work;
    /**
     * The head whose shadow time {@link #rule} holds, or -1. Starts behind a head never move its
     * shadow time (they end by it or take extra GPUs, which the rule counts down) and events that
     * come as foreseen do not either, so it is found again only for a new head, after a capacity
     * event, or when a reservation step falls due (it is believed only once applied).
     */
    private int shadowOf;
    /** Time of the first pending reservation step. */
    private double nextReserve;
    /** Training capacity (planned less reserved) and busy GPUs in the replay. */
    private long level;
    private long busy;
    /** Starts so far in the replay, counted on from the pool's own count: the order of their completions. */
    private long starts;

    /** Per place in the queue (the levels ahead of a newcomer): a replay of the unchanged pool, recorded. */
    private final EasyTrajectory[] records;
    /** The record being made, or null. */
    private EasyTrajectory recording;
    /** The place in the queue where a recorded replay's skip stops (its newcomer's), else -1. */
    private int stopAt = -1;
    /** The largest job the last capacity event left in the queue (see {@link #rejectNeverFitting}). */
    private long maxFit;
    /** The pool's change count at the last question replayed: a second one about an unchanged pool records. */
    private long replayedVersion = -1;

    // the last answer, for the same question about an unchanged pool
    private long askedVersion = -1;
    private double askedNow;
    private int askedGpus;
    private int askedPriority;
    private double askedHeld;
    private double answer;
    /** Whether {@link #answer} is exact, not a bound above a limit. */
    private boolean exact;
    /** Whether {@link #answer} is FIFO's estimate, its replay given up. */
    private boolean answerGaveUp;
    /** Whether the last replay was given up for the FIFO estimate. */
    private boolean gaveUp;

    EasyStarts(Pool pool, PoolQueue queue, Capacity capacity, EarliestStarts fifo) {
        this.pool = pool;
        this.queue = queue;
        this.capacity = capacity;
        this.fifo = fifo;
        this.records = new EasyTrajectory[queue.levelCount() + 1];
    }

    /**
     * When a job of {@code gpus} GPUs, {@code priority} and {@code heldHours} queued now would
     * start; when that is after {@code limit}, some time after {@code limit} and not after it.
     * +infinity when never.
     */
    double earliestStart(int gpus, int priority, double heldHours, double now, double limit) {
        long version = pool.changes();
        if (version == askedVersion && now == askedNow && gpus == askedGpus && priority == askedPriority
                && Double.compare(heldHours, askedHeld) == 0 && (exact || answer > limit)) {
            if (answerGaveUp) {
                GIVEN_UP.incrementAndGet();
            }
            return answer;
        }
        double start = fromRecord(version, gpus, priority, heldHours, now, limit);
        if (Double.isNaN(start)) {
            start = replay(gpus, priority, heldHours, now, limit);
        }
        askedVersion = version;
        askedNow = now;
        askedGpus = gpus;
        askedPriority = priority;
        askedHeld = heldHours;
        answer = start;
        exact = start <= limit || start == Double.POSITIVE_INFINITY;
        answerGaveUp = gaveUp;
        return start;
    }

    /**
     * The answer read from a recorded replay of the unchanged pool (recorded at the second
     * question about it, since a pool that changes after every question would waste the record);
     * NaN when the question must be replayed.
     */
    private double fromRecord(long version, int gpus, int priority, double heldHours, double now, double limit) {
        boolean again = version == replayedVersion;
        replayedVersion = version;
        if (!again || gpus > capacity.maxFuture()) {
            return Double.NaN;
        }
        int ahead = queue.levelsAhead(priority);
        EasyTrajectory record = records[ahead];
        if (record == null) {
            record = new EasyTrajectory();
            records[ahead] = record;
        }
        if (!record.madeOf(version, pool.buildOutMark(), pool.reserveMark())) {
            recording = record;
            replay(Integer.MAX_VALUE, priority, 0, now, Double.POSITIVE_INFINITY); // a newcomer that never starts
            recording = null;
        }
        if (!record.answersAt(now)) {
            return Double.NaN;
        }
        double start = record.startOf(gpus, heldHours, now, limit);
        if (Double.isNaN(start)) {
            return start;
        }
        FROM_RECORD.incrementAndGet();
        gaveUp = false;
        return start == EasyTrajectory.GIVE_UP ? giveUp(record.gaveUpAt(now), gpus, priority, now) : start;
    }

    /**
     * The answer of a replay given up at its work limit, having reached {@code reached} without
     * starting the newcomer: FIFO's estimate, and no sooner than that.
     */
    private double giveUp(double reached, int newGpus, int priority, double now) {
        GIVEN_UP.incrementAndGet();
        gaveUp = true;
        return Math.max(reached, fifo.earliestStart(newGpus, priority, now));
    }

    /** {@link #earliestStart} without the kept answer: the replay itself, for checking. */
    double replayed(int gpus, int priority, double heldHours, double now) {
        return replay(gpus, priority, heldHours, now, Double.POSITIVE_INFINITY);
    }

    private double replay(int newGpus, int priority, double newHeld, double now, double limit) {
        gaveUp = false;
        if (newGpus > capacity.maxFuture() && recording == null) {
            return Double.POSITIVE_INFINITY;
        }
        this.now = now;
        work = 0;
        loadQueue(newGpus, priority, newHeld);
        loadEvents(now);
        stopAt = recording == null ? -1 : newcomer;
        if (recording != null) {
            recording.begin(pool.changes(), pool.buildOutMark(), pool.reserveMark(), head < end ? times[head] : Double.POSITIVE_INFINITY);
            if (capacity.overdue(now)) {
                recording.unusable(); // an overdue tranche is believed at each question's own instant
                return Double.NaN;
            }
            recording.pass(now, Long.MAX_VALUE);
        }
        boolean started = dispatch(); // the pass of its own arrival
        if (recording != null && starts != pool.startCount()) {
            recording.unusable(); // its first pass started a job, which a question at a later instant might not
            return Double.NaN;
        }
        if (started) {
            return now;
        }
        while (head < end) {
            double time = times[head];
            if (++work > WORK_LIMIT) {
                if (recording != null) {
                    recording.gaveUp();
                    return Double.NaN;
                }
                // checked before the limit, so that a bounded question gives up where the
                // unbounded one does and stays below it
                return giveUp(this.now, newGpus, priority, now);
            }
            if (time > limit) {
                return time;
            }
            this.now = time;
            if (time == nextReserve) {
                shadowOf = -1;
            }
            byte kind = kinds[head];
            long delta = deltas[head++];
            if (kind == END) {
                busy -= delta;
            } else {
                level += delta;
                shadowOf = -1;
                if (kind == BUILD) {
                    scheduleNext(BUILD); // the pool schedules its next build-out before dispatching
                }
                if (!rejectNeverFitting()) {
                    return Double.POSITIVE_INFINITY;
                }
            }
            if (recording != null) {
                recording.pass(time, kind == END ? Long.MAX_VALUE : maxFit);
            }
            if (dispatch()) {
                return time;
            }
            if (kind == RESERVE) {
                scheduleNext(RESERVE); // the next reservation step is scheduled after every pool dispatched
                nextReserve = firstTime(RESERVE);
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private void loadQueue(int newGpus, int priority, double newHeld) {
        int size = queue.size() + 1;
        if (gpus.length < size) {
            int room = Math.max(size, gpus.length * 2);
            gpus = new int[room];
            held = new double[room];
            next = new int[room];
        }
        int ahead = queue.levelsAhead(priority);
        int n = 0;
        for (int level = 0; level < queue.levelCount(); level++) {
            if (level == ahead) {
                newcomer = n;
                n = put(n, newGpus, newHeld);
            }
            for (Job job : queue.jobsAt(level)) {
                n = put(n, job.gpus, job.heldHours);
            }
        }
        if (ahead == queue.levelCount()) {
            newcomer = n;
            n = put(n, newGpus, newHeld);
        }
        next[n - 1] = -1;
        first = 0;
    }

    private int put(int at, int jobGpus, double jobHeld) {
        gpus[at] = jobGpus;
        held[at] = jobHeld;
        next[at] = at + 1;
        return at + 1;
    }

    private void loadEvents(double now) {
        head = 0;
        end = 0;
        busy = capacity.busy();
        level = capacity.margin() + busy;
        starts = pool.startCount();
        for (Job job : pool.running()) {
            add(job.start + job.heldHours, 2 * job.startOrder + 1, job.gpus, END);
        }
        capacity.forEachBelievedTranche(now, buildStep);
        capacity.forEachReserveStep(now, reserveStep);
        setFirstOrder(BUILD, 2 * pool.buildOutMark());
        setFirstOrder(RESERVE, 2 * pool.reserveMark());
        nextReserve = firstTime(RESERVE);
        shadowOf = -1;
    }

    /**
     * One dispatch pass as {@link EasyBackfill} makes it: the heads start while they fit, then the
     * jobs behind a waiting head that the backfill rule admits. Returns whether the newcomer started.
     */
    private boolean dispatch() {
        while (first >= 0 && gpus[first] <= level - busy) {
            if (start(first)) {
                return true;
            }
            first = next[first];
        }
        if (recording != null && first == newcomer) {
            recording.atHead(level - busy);
            return true; // the record ends: a waiting head's own size decides what backfills behind it
        }
        if (first < 0 || !BackfillRule.worthTrying(next[first] >= 0, level - busy)) {
            return false;
        }
        long free = level - busy;
        int before = first;
        int job = next[first];
        while (job >= 0 && gpus[job] > free && job != stopAt) {
            work++; // none of these fits: the pass need not find the shadow
            before = job;
            job = next[job];
        }
        if (job < 0) {
            return false;
        }
        if (shadowOf == first && rule.shadow() >= now) {
            rule.begin(now, free, rule.shadow(), rule.extra());
        } else {
            shadow(gpus[first], free);
            shadowOf = first;
        }
        for (; job >= 0 && !rule.full(); job = next[job]) {
            work++;
            if (job == stopAt) {
                recording.behindHead(rule.left(), rule.shadow(), rule.extra());
            }
            if (rule.admits(gpus[job], held[job])) {
                if (start(job)) {
                    return true;
                }
                next[before] = next[job];
            } else {
                before = job;
            }
        }
        return false;
    }

    /** Starts queued job {@code job} now; returns whether it is the newcomer, which ends the replay. */
    private boolean start(int job) {
        if (job == newcomer) {
            return true;
        }
        busy += gpus[job];
        add(now + held[job], 2 * starts + 1, gpus[job], END);
        starts++;
        return false;
    }

    /**
     * Begins the backfill rule for a head of {@code headGpus} that cannot start: its shadow time is
     * the first instant the pending events free enough GPUs for it, as {@link StartEstimator#shadow}
     * finds it from the running jobs and the capacity believed to come.
     */
    private void shadow(int headGpus, long free) {
        long margin = free;
        int i = head;
        while (i < end) {
            double time = times[i];
            for (; i < end && times[i] == time; i++) {
                if (kinds[i] != RESERVE || time > now) { // a reservation step due now is not yet believed
                    margin += deltas[i];
                }
            }
            if (margin >= headGpus) {
                rule.begin(now, free, time, margin - headGpus);
                return;
            }
        }
        rule.begin(now, free, Double.POSITIVE_INFINITY, 0);
    }

    /**
     * Drops the queued jobs that can never fit after a capacity event, as the pool rejects them;
     * returns false when the newcomer is one of them.
     */
    private boolean rejectNeverFitting() {
        long max = level;
        long at = level;
        for (int i = head; i < end; i++) {
            if (kinds[i] != END && (kinds[i] != RESERVE || times[i] > now)) {
                at += deltas[i];
            }
            if (i + 1 == end || times[i + 1] != times[i]) { // each instant's steps together, as the pool counts them
                max = Math.max(max, at);
            }
        }
        max = Math.max(0, max);
        maxFit = max;
        int before = -1;
        for (int job = first; job >= 0; job = next[job]) {
            if (gpus[job] > max) {
                if (job == newcomer) {
                    if (recording == null) {
                        return false;
                    }
                    before = job; // a recorded newcomer stays: the record tells which sizes would go
                    continue;
                }
                if (before < 0) {
                    first = next[job];
                } else {
                    next[before] = next[job];
                }
            } else {
                before = job;
            }
        }
        return true;
    }

    /** Time of the first pending event of {@code kind}; +infinity when none. */
    private double firstTime(byte kind) {
        for (int i = head; i < end; i++) {
            if (kinds[i] == kind) {
                return times[i];
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Gives the first pending event of {@code kind} its order key, now that the one before it fired. */
    private void scheduleNext(byte kind) {
        setFirstOrder(kind, 2 * starts);
    }

    /**
     * Sets the order key of the first pending capacity event of {@code kind}. It only decides its
     * place among events added after it, so it stays where it is.
     */
    private void setFirstOrder(byte kind, long order) {
        for (int i = head; i < end; i++) {
            if (kinds[i] == kind) {
                orders[i] = order;
                return;
            }
        }
    }

    /** Adds a pending event, after those at the same time with a lower order key; build-out steps of one instant merge. */
    private void add(double time, long order, long delta, byte kind) {
        int at = end;
        while (at > head && (times[at - 1] > time || times[at - 1] == time && orders[at - 1] > order)) {
            at--;
        }
        if (kind == BUILD && at > head && kinds[at - 1] == BUILD && times[at - 1] == time) {
            deltas[at - 1] += delta;
            return;
        }
        if (end == times.length) {
            int live = end - head;
            int room = live * 2 > times.length ? times.length * 2 : times.length;
            times = moved(times, room);
            orders = moved(orders, room);
            deltas = moved(deltas, room);
            kinds = moved(kinds, room);
            at -= head;
            end = live;
            head = 0;
        }
        System.arraycopy(times, at, times, at + 1, end - at);
        System.arraycopy(orders, at, orders, at + 1, end - at);
        System.arraycopy(deltas, at, deltas, at + 1, end - at);
        System.arraycopy(kinds, at, kinds, at + 1, end - at);
        times[at] = time;
        orders[at] = order;
        deltas[at] = delta;
        kinds[at] = kind;
        end++;
    }

    private double[] moved(double[] from, int room) {
        double[] to = room == from.length ? from : new double[room];
        System.arraycopy(from, head, to, 0, end - head);
        return to;
    }

    private long[] moved(long[] from, int room) {
        long[] to = room == from.length ? from : new long[room];
        System.arraycopy(from, head, to, 0, end - head);
        return to;
    }

    private byte[] moved(byte[] from, int room) {
        byte[] to = room == from.length ? from : new byte[room];
        System.arraycopy(from, head, to, 0, end - head);
        return to;
    }
}
