package org.capsim.cluster;

import java.util.Arrays;

/**
 * The queue as {@link EarliestStarts} replays it: per priority level, in arrival order, each
 * job's GPUs, held hours and planned start in primitive arrays. A replay of a long backlog reads
 * them in one sweep of memory instead of visiting every {@link Job} object, which made it wait on
 * memory more than it computed.
 *
 * <p>It follows the {@link PoolQueue} through {@link #add} (a job joins its level's tail) and
 * {@link #started} (a level's head leaves). Anything else that changes the queue (abandonment,
 * rejection, a backfilled start) shows in the queue's change count; the copy is then left stale
 * and made again from the queue, without planned starts, when a replay next reads it: such a
 * change drops the plan anyway, and a pool that backfills often may not replay at all.
 */
final class PlannedQueue {

    /** One priority level: its jobs from {@code head} to {@code end}. */
    static final class Level {
        Job[] jobs = new Job[16];
        int[] gpus = new int[16];
        double[] held = new double[16];
        double[] planned = new double[16];
        int head;
        int end;

        private void append(Job job, double plannedStart) {
            if (end == jobs.length) {
                makeRoom();
            }
            jobs[end] = job;
            gpus[end] = job.gpus;
            held[end] = job.heldHours;
            planned[end++] = plannedStart;
        }

        /** Moves the jobs to the front, into arrays twice as long when they are more than half full. */
        private void makeRoom() {
            int live = end - head;
            if (live * 2 > jobs.length) {
                int to = head + 2 * jobs.length;
                jobs = Arrays.copyOfRange(jobs, head, to);
                gpus = Arrays.copyOfRange(gpus, head, to);
                held = Arrays.copyOfRange(held, head, to);
                planned = Arrays.copyOfRange(planned, head, to);
            } else {
                System.arraycopy(jobs, head, jobs, 0, live);
                Arrays.fill(jobs, live, end, null); // let the jobs go
                System.arraycopy(gpus, head, gpus, 0, live);
                System.arraycopy(held, head, held, 0, live);
                System.arraycopy(planned, head, planned, 0, live);
            }
            head = 0;
            end = live;
        }

        private void clear() {
            Arrays.fill(jobs, head, end, null); // let the jobs go
            head = 0;
            end = 0;
        }
    }

    private final PoolQueue queue;
    private final Level[] levels;
    /** The queue's change count this copy stands for. */
    private long seen;

    PlannedQueue(PoolQueue queue) {
        this.queue = queue;
        this.levels = new Level[queue.levelCount()];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = new Level();
        }
        this.seen = queue.changes();
    }

    /** The jobs of {@code level}, in step with the queue. */
    Level level(int level) {
        sync();
        return levels[level];
    }

    /** Notes that {@code job}, planned to start at {@code plannedStart}, is about to join {@code level}'s tail. */
    void add(Job job, int level, double plannedStart) {
        if (queue.changes() == seen) { // else stale: the next replay copies the queue, this job too
            levels[level].append(job, plannedStart);
            seen++; // the queue's add, next
        }
    }

    /**
     * Notes that {@code job} of {@code level} has just left the queue to start; returns its
     * planned start, or NaN when it was not its level's head (backfilled past jobs of its level)
     * or the copy is stale.
     */
    double started(Job job, int level) {
        Level at = levels[level];
        if (queue.changes() == seen + 1 && at.head < at.end && at.jobs[at.head] == job) {
            seen++;
            at.jobs[at.head] = null;
            return at.planned[at.head++];
        }
        return Double.NaN; // stale from here on, as the queue's change count shows
    }

    /** Makes the copy again when it is stale: the queue changed in a way it did not follow. */
    private void sync() {
        long changes = queue.changes();
        if (changes == seen) {
            return;
        }
        for (int i = 0; i < levels.length; i++) {
            Level level = levels[i];
            level.clear();
            for (Job job : queue.jobsAt(i)) {
                level.append(job, Double.NaN);
            }
        }
        seen = changes;
    }
}
