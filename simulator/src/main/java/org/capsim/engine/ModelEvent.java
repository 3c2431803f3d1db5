package org.capsim.engine;

import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEventInterface;

/**
 * An event of the capsim model on the DSOL event list.
 *
 * <p>Unlike DSOL's {@code SimEvent} (reflection) and {@code LambdaSimEvent} (a global atomic id,
 * a synchronized execute, exception wrapping), this keeps its time as a primitive and lets the
 * {@link EventHeap} order events by (time, priority, insertion order) without boxing. Subclasses
 * may be rescheduled after they fire, so a recurring process allocates no event per occurrence.
 */
public abstract class ModelEvent implements SimEventInterface<Double> {

    double time;
    short priority = NORMAL_PRIORITY;
    long sequence;

    protected ModelEvent() {
    }

    protected ModelEvent(short priority) {
        this.priority = priority;
    }

    /** What happens when the clock reaches this event. */
    protected abstract void fire();

    @Override
    public final void execute() {
        fire();
    }

    /** The simulation time (hours from the scenario start) this event was last scheduled for. */
    public final double time() {
        return time;
    }

    @Override
    public final Double getAbsoluteExecutionTime() {
        return time;
    }

    @Override
    public final short getPriority() {
        return priority;
    }

    @Override
    public final long getId() {
        return sequence;
    }

    /** Wraps a runnable; for rare events (build-out, sampling) where a dedicated class is not worth it. */
    public static ModelEvent of(Runnable action) {
        return new ModelEvent() {
            @Override
            protected void fire() {
                action.run();
            }
        };
    }
}
