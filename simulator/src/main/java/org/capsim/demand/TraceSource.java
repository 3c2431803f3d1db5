package org.capsim.demand;

import org.capsim.engine.Scheduler;
import org.capsim.workload.JobClass;
import org.capsim.workload.JobSize;

/** Replays a {@link Trace}: one arrival per row, at the row's time. */
public final class TraceSource extends JobSource {

    private final Trace trace;
    private final double referencePeakTflops;
    private int next;

    /** @param referencePeakTflops peak of the type the durations were measured on, or NaN */
    public TraceSource(JobClass jobClass, Scheduler clock, JobSink sink, double end, Trace trace,
            double referencePeakTflops) {
        super(jobClass, clock, sink, end);
        this.trace = trace;
        this.referencePeakTflops = referencePeakTflops;
    }

    @Override
    protected double nextArrival(double now) {
        return next < trace.size() ? trace.arrival(next) : Double.POSITIVE_INFINITY;
    }

    @Override
    protected void deliver() {
        int row = next++;
        sink.arrive(trace.id(row), jobClass,
                new JobSize.OnReference(trace.gpus(row), trace.hours(row), referencePeakTflops));
    }
}
