package org.capsim.demand;

import org.apache.commons.math3.random.RandomGenerator;
import org.capsim.engine.Scheduler;
import org.capsim.workload.JobClass;
import org.capsim.workload.JobSize;

/**
 * Poisson arrivals (rate possibly growing per year) of jobs whose sizes a {@link SizeModel} draws.
 * Arrival times and sizes use separate streams, so changing one never shifts the other.
 */
public final class PoissonSource extends JobSource {

    /** Draws the size of a job arriving at a given time. */
    @FunctionalInterface
    public interface SizeModel {
        JobSize draw(double now);
    }

    private final ArrivalRate rate;
    private final RandomGenerator arrivals;
    private final SizeModel sizes;
    private long count;

    public PoissonSource(JobClass jobClass, Scheduler clock, JobSink sink, double end, ArrivalRate rate,
            RandomGenerator arrivals, SizeModel sizes) {
        super(jobClass, clock, sink, end);
        this.rate = rate;
        this.arrivals = arrivals;
        this.sizes = sizes;
    }

    @Override
    protected double nextArrival(double now) {
        return rate.next(now, -Math.log(1.0 - arrivals.nextDouble()));
    }

    @Override
    protected void deliver() {
        count++;
        sink.arrive(jobClass.name() + "-" + count, jobClass, sizes.draw(clock.now()));
    }
}
