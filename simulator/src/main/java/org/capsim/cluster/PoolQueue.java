package org.capsim.cluster;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A pool's waiting jobs: by class priority (higher first), first come first served within a
 * priority. One deque per distinct priority of the scenario, so add and poll are O(1).
 */
public final class PoolQueue {

    private final int[] priorities; // descending
    private final ArrayDeque<Job>[] levels;
    private int size;
    private long gpus;
    /** Jobs added and removed so far: what {@link PlannedQueue} checks its copy against. */
    private long changes;

    /** @param priorities every priority a job may have (any order, duplicates allowed) */
    @SuppressWarnings("unchecked")
    public PoolQueue(int[] priorities) {
        this.priorities = Arrays.stream(priorities).distinct().map(p -> -p).sorted().map(p -> -p).toArray();
        this.levels = new ArrayDeque[this.priorities.length];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = new ArrayDeque<>();
        }
    }

    /** The level (index into {@link #jobsAt}) of {@code priority}. */
    int levelOf(int priority) {
        for (int i = 0; i < priorities.length; i++) {
            if (priorities[i] == priority) {
                return i;
            }
        }
        throw new IllegalArgumentException("priority " + priority + " is not one of the scenario's");
    }

    void add(Job job) {
        levels[levelOf(job.jobClass().priority())].addLast(job);
        changes++;
        size++;
        gpus += job.gpus;
    }

    /** Priority of the lowest non-empty level; only valid when not empty. */
    int lowestPriority() {
        for (int i = levels.length - 1; i >= 0; i--) {
            if (!levels[i].isEmpty()) {
                return priorities[i];
            }
        }
        throw new IllegalStateException("empty queue");
    }

    /** The job that starts next, or null. */
    Job peek() {
        for (ArrayDeque<Job> level : levels) {
            Job head = level.peekFirst();
            if (head != null) {
                return head;
            }
        }
        return null;
    }

    Job poll() {
        for (ArrayDeque<Job> level : levels) {
            Job head = level.pollFirst();
            if (head != null) {
                changes++;
                size--;
                gpus -= head.gpus;
                return head;
            }
        }
        return null;
    }

    /** Removes the jobs matching {@code doomed}, handing each to {@code removed}. */
    void removeIf(Predicate<Job> doomed, Consumer<Job> removed) {
        for (ArrayDeque<Job> level : levels) {
            Iterator<Job> it = level.iterator();
            while (it.hasNext()) {
                Job job = it.next();
                if (doomed.test(job)) {
                    it.remove();
                    changes++;
                    size--;
                    gpus -= job.gpus;
                    removed.accept(job);
                }
            }
        }
    }

    /** Removes {@code job} from the queue (linear in its level's length); false when it is not queued. */
    boolean remove(Job job) {
        if (!levels[levelOf(job.jobClass().priority())].removeFirstOccurrence(job)) {
            return false;
        }
        changes++;
        size--;
        gpus -= job.gpus;
        return true;
    }

    /** Whether a queued job other than the head needs at most {@code free} GPUs. */
    boolean anyBehindHeadFits(long free) {
        boolean head = true;
        for (ArrayDeque<Job> level : levels) {
            for (Job job : level) {
                if (head) {
                    head = false;
                } else if (job.gpus <= free) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Visits the jobs behind the head in start order; each one {@code startsNow} accepts leaves
     * the queue and goes to {@code start}.
     */
    void startBehindHead(Predicate<Job> startsNow, Consumer<Job> start) {
        boolean head = true;
        for (ArrayDeque<Job> level : levels) {
            Iterator<Job> it = level.iterator();
            while (it.hasNext()) {
                Job job = it.next();
                if (head) {
                    head = false;
                } else if (startsNow.test(job)) {
                    it.remove();
                    changes++;
                    size--;
                    gpus -= job.gpus;
                    start.accept(job);
                }
            }
        }
    }

    /** Number of priority levels; {@link #jobsAt} level 0 starts first. */
    int levelCount() {
        return levels.length;
    }

    /** How many levels, from the first, a newcomer of {@code priority} would wait behind. */
    int levelsAhead(int priority) {
        int i = 0;
        while (i < priorities.length && priorities[i] >= priority) {
            i++;
        }
        return i;
    }

    boolean isEmptyAt(int level) {
        return levels[level].isEmpty();
    }

    /** The last non-empty level before {@code level}, or -1. */
    int lastNonEmptyBefore(int level) {
        int i = level - 1;
        while (i >= 0 && levels[i].isEmpty()) {
            i--;
        }
        return i;
    }

    /** The queued jobs of one priority level, in arrival order (read only). */
    Iterable<Job> jobsAt(int index) {
        return levels[index];
    }

    /** Visits every queued job in start order. */
    void forEach(Consumer<Job> visitor) {
        for (ArrayDeque<Job> level : levels) {
            level.forEach(visitor);
        }
    }

    public int size() {
        return size;
    }

    /** How many times a job joined or left; it only grows. */
    long changes() {
        return changes;
    }

    /** Sum of the GPUs of the queued jobs. */
    public long gpus() {
        return gpus;
    }
}
