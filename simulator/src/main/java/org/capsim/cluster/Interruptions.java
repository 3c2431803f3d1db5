package org.capsim.cluster;

import java.util.Arrays;

import org.capsim.model.Failures;
import org.capsim.random.JobStream;

/**
 * Samples when a job is interrupted by GPU failures, once, when it is placed in a pool: from then
 * on its held time is known, so start estimates and backfilling stay exact.
 *
 * <p>The law: while it computes, a job of g GPUs fails at rate g / MTBF (any one of its GPUs
 * failing stops the gang). A failure loses the progress since the last checkpoint (checkpoints
 * every {@code checkpoint-hours} of progress) and costs {@code restart-hours} during which it
 * holds its GPUs without computing and cannot fail again. Not thread-safe: one per pool.
 */
final class Interruptions {

    private final Failures failures;
    private final JobStream random;
    private double[] after = new double[8];
    private double[] lost = new double[8];
    /** Interruptions found by the last {@link #heldHours}, in {@link #after} and {@link #lost}. */
    private int count;

    Interruptions(Failures failures, JobStream random) {
        this.failures = failures;
        this.random = random;
    }

    /**
     * Samples the interruptions of {@code job} running {@code hours} of computing on {@code gpus}
     * GPUs, sets its held hours and interruption record. Sampling stops once the job would hold
     * its GPUs beyond {@code limit} hours (it cannot finish within the simulation anyway).
     */
    void sample(Job job, int gpus, double hours, double limit) {
        job.heldHours = heldHours(job, gpus, hours, limit);
        job.restartHours = failures.restartHours();
        if (count > 0) {
            job.interruptedAfter = Arrays.copyOf(after, count);
            job.lostHours = Arrays.copyOf(lost, count);
        } else {
            job.interruptedAfter = null;
            job.lostHours = null;
        }
    }

    /**
     * The hours {@code job} would hold its GPUs, as {@link #sample} would set them, without
     * recording anything in the job: the same draws, so an estimate can know it before placement.
     */
    double heldHours(Job job, int gpus, double hours, double limit) {
        // the job's own draws: the same failure times under every policy, given its GPUs and hours
        random.forJob(job.jobClass().name(), job.id());
        double rate = gpus / failures.gpuMtbfHours();
        double checkpoint = failures.checkpointHours();
        double progress = 0;
        double wall = 0;
        count = 0;
        while (true) {
            double untilFailure = -Math.log(1.0 - random.nextDouble()) / rate;
            double remaining = hours - progress;
            if (untilFailure >= remaining) {
                wall += remaining;
                break;
            }
            wall += untilFailure;
            double reached = progress + untilFailure;
            progress = Math.floor(reached / checkpoint) * checkpoint;
            if (count == after.length) {
                after = Arrays.copyOf(after, count * 2);
                lost = Arrays.copyOf(lost, count * 2);
            }
            after[count] = wall;
            lost[count] = reached - progress;
            count++;
            wall += failures.restartHours();
            if (wall > limit) {
                break;
            }
        }
        return wall;
    }
}
