package org.capsim.demand;

import org.capsim.engine.ModelEvent;
import org.capsim.engine.Scheduler;
import org.capsim.workload.JobClass;

/**
 * The arrival process of one workload class in one replication. It is its own event: after each
 * arrival it reschedules itself for the next, so a replication holds one pending arrival per class.
 */
public abstract class JobSource extends ModelEvent {

    protected final JobClass jobClass;
    protected final Scheduler clock;
    protected final JobSink sink;
    private final double end;

    protected JobSource(JobClass jobClass, Scheduler clock, JobSink sink, double end) {
        this.jobClass = jobClass;
        this.clock = clock;
        this.sink = sink;
        this.end = end;
    }

    /** Schedules the first arrival. */
    public final void start() {
        scheduleNext(nextArrival(clock.now()));
    }

    @Override
    protected final void fire() {
        deliver();
        scheduleNext(nextArrival(clock.now()));
    }

    private void scheduleNext(double time) {
        if (time < end) {
            clock.at(time, this);
        }
    }

    /** Time of the arrival after {@code now}, or +infinity. */
    protected abstract double nextArrival(double now);

    /** Creates the job arriving now and hands it to the sink. */
    protected abstract void deliver();
}
