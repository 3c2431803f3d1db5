package org.capsim.random;

import org.apache.commons.math3.random.BitsStreamGenerator;

/**
 * A random stream of its own for each job, for draws that belong to the job wherever it runs
 * (its failures): re-seeded per job from one seed and the job's key, so a job draws the same
 * numbers under every policy, in whichever pool a policy sends it (common random numbers). A
 * pool-wide stream would instead hand each job the draws left by the jobs before it there.
 *
 * <p>SplitMix64: seeding is two multiplications, so a reseed per job costs nothing next to
 * building a generator; its output passes BigCrush. Not thread-safe: one per pool.
 */
public final class JobStream extends BitsStreamGenerator {

    private static final long serialVersionUID = 1L;
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    private final long base;
    private long state;

    /** @param base the replication's seed for this purpose, e.g. {@code RandomStreams.seed(root, r, "failures")} */
    public JobStream(long base) {
        this.base = base;
        this.state = base;
    }

    /** Restarts the stream at the draws of the job with this key (class and id). */
    public JobStream forJob(String jobClass, String jobId) {
        state = RandomStreams.mix(base ^ RandomStreams.mix(RandomStreams.fnv1a(jobClass) * 31 + RandomStreams.fnv1a(jobId)));
        clear(); // drop a cached Gaussian of the previous job
        return this;
    }

    @Override
    public void setSeed(int seed) {
        setSeed((long) seed);
    }

    @Override
    public void setSeed(int[] seed) {
        long s = 0;
        for (int v : seed) {
            s = s * 31 + v;
        }
        setSeed(s);
    }

    @Override
    public void setSeed(long seed) {
        state = seed;
        clear();
    }

    @Override
    protected int next(int bits) {
        return (int) (nextLong() >>> (64 - bits));
    }

    @Override
    public long nextLong() {
        state += GOLDEN;
        return RandomStreams.mix(state);
    }
}
