package org.capsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.capsim.workload.JobClass;
import org.capsim.workload.JobSize;
import org.junit.jupiter.api.Test;

/**
 * Law: whenever a replay reads it, the replay's copy of the queue holds, level by level and in
 * order, the queued jobs with their GPUs and held hours, whatever joined, started or left in
 * between; a planned start survives from {@code add} to its head's {@code started}, and is
 * forgotten (NaN) once the queue changed in a way the copy did not follow.
 */
class PlannedQueueTest {

    private static final int[] PRIORITIES = {0, 5, 10};

    // a fresh queue, copy and model of the planned starts for each test
    private final PoolQueue queue = new PoolQueue(PRIORITIES);
    private final PlannedQueue copy = new PlannedQueue(queue);
    private final Map<Job, Double> planned = new HashMap<>();

    @Test
    void copyFollowsTheQueueThroughEveryKindOfChange() {
        Random random = new Random(20261208);
        boolean stale = false; // since a change the copy did not follow, until a replay reads it
        int serial = 0;
        int startedWithPlan = 0;
        int rebuilt = 0;
        for (int step = 0; step < 20_000; step++) {
            // the queue grows and shrinks in turn, so that the copy's arrays grow and compact
            int op = random.nextInt(20);
            boolean draining = step / 1000 % 2 == 1;
            if ((draining ? op < 5 : op < 12) || queue.size() == 0) { // join a level's tail
                Job job = job(serial++, PRIORITIES[random.nextInt(PRIORITIES.length)], random);
                double start = random.nextInt(4) == 0 ? Double.NaN : random.nextDouble() * 1000;
                copy.add(job, queue.levelOf(job.jobClass().priority()), start);
                queue.add(job);
                planned.put(job, stale ? Double.NaN : start);
            } else if (op < 18) { // the head starts
                Job head = queue.poll();
                double start = copy.started(head, queue.levelOf(head.jobClass().priority()));
                assertEquals(planned.remove(head), start, "planned start of head " + head.id());
                startedWithPlan += start == start ? 1 : 0;
            } else { // a job leaves out of order: abandoned or rejected (any job), or backfilled (one behind the head)
                Job leaving = anyQueued(random);
                int level = queue.levelOf(leaving.jobClass().priority());
                boolean followed = !stale && queue.jobsAt(level).iterator().next() == leaving;
                if (op == 18 || queue.peek() == leaving) {
                    assertTrue(queue.remove(leaving));
                    followed = false; // not through started
                } else {
                    // backfilled: the copy follows it when it led its level, else goes stale
                    double expected = followed ? planned.get(leaving) : Double.NaN;
                    queue.startBehindHead(job -> job == leaving, job -> assertEquals(expected, copy.started(job, level),
                            "planned start of " + job.id() + ", started out of order"));
                }
                planned.remove(leaving);
                if (!followed) {
                    planned.replaceAll((job, start) -> Double.NaN); // the copy will be made again, without plans
                    stale = true;
                }
            }
            if (random.nextInt(4) == 0) { // a replay reads it
                rebuilt += stale ? 1 : 0;
                stale = false;
                assertSameJobs();
            }
        }
        assertTrue(startedWithPlan > 500 && rebuilt > 300, startedWithPlan + " planned starts, " + rebuilt + " copies made again");
    }

    @Test
    void aSteadyStreamKeepsItsPlansAsTheArraysCompact() {
        Random random = new Random(7);
        for (int serial = 0; serial < 2_000; serial++) { // five waiting, one joining as one starts
            Job job = job(serial, 0, random);
            copy.add(job, queue.levelOf(0), serial);
            queue.add(job);
            planned.put(job, (double) serial);
            if (queue.size() > 5) {
                Job head = queue.poll();
                assertEquals(planned.remove(head), copy.started(head, queue.levelOf(0)));
            }
            assertSameJobs();
        }
    }

    private void assertSameJobs() {
        for (int level = 0; level < queue.levelCount(); level++) {
            PlannedQueue.Level jobs = copy.level(level);
            int i = jobs.head;
            for (Job job : queue.jobsAt(level)) {
                assertTrue(i < jobs.end, "the copy of level " + level + " is short");
                assertSame(job, jobs.jobs[i]);
                assertEquals(job.gpus, jobs.gpus[i]);
                assertEquals(job.heldHours, jobs.held[i]);
                assertEquals(planned.get(job), jobs.planned[i], "planned start of " + job.id());
                i++;
            }
            assertEquals(jobs.end, i, "the copy of level " + level + " is long");
        }
    }

    private Job anyQueued(Random random) {
        List<Job> all = new ArrayList<>();
        queue.forEach(all::add);
        return all.get(random.nextInt(all.size()));
    }

    private static Job job(int serial, int priority, Random random) {
        Job job = new Job(serial, "j" + serial, new JobClass("c" + priority, 0, priority), serial,
                new JobSize.OnReference(8, 1, 989));
        job.gpus = 1 + random.nextInt(64);
        job.heldHours = random.nextDouble() * 50;
        return job;
    }
}
