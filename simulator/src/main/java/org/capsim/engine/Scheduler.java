package org.capsim.engine;

/** What model code needs of the kernel: the clock and a way to schedule events. */
public interface Scheduler {

    /** The current simulation time in hours from the scenario start. */
    double now();

    /** Schedules {@code event} at absolute time {@code time} (hours), which must not lie in the past. */
    void at(double time, ModelEvent event);

    /** Schedules {@code event} after {@code delay} hours. */
    default void after(double delay, ModelEvent event) {
        at(now() + delay, event);
    }
}
