package org.capsim.engine;

import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import nl.tudelft.simulation.dsol.experiment.SingleReplication;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEventInterface;
import nl.tudelft.simulation.dsol.model.DsolModel;
import nl.tudelft.simulation.dsol.simulators.DevsSimulator;
import nl.tudelft.simulation.dsol.simulators.ErrorStrategy;
import nl.tudelft.simulation.dsol.simulators.ReplicationState;
import nl.tudelft.simulation.dsol.simulators.RunState;
import nl.tudelft.simulation.dsol.simulators.SimulatorInterface;
import org.djutils.logger.CategoryLogger;

/**
 * The DSOL discrete-event simulator as capsim uses it: one per replication, driven from the
 * calling thread.
 *
 * <p>Tuned as DESIGN.md explains. DSOL's {@code start()} hands the run loop to a worker thread and
 * every {@code scheduleEvent} formats the event with {@code toString()} for a trace log, and its
 * default red-black event list compares boxed times. Here events go straight onto an
 * {@link EventHeap}, the loop runs in {@link #runReplication}, and the clock is a primitive. DSOL
 * still owns the replication lifecycle ({@code initialize} builds the model, schedules its warm-up
 * and end-of-replication events, which this loop executes), the error strategy and clean-up.
 */
public final class Kernel extends DevsSimulator<Double> implements Scheduler {

    private static final AtomicLong REPLICATION_IDS = new AtomicLong();
    /** DSOL registers replications in one JVM-wide naming context, which is not thread-safe. */
    private static final Object NAMING_CONTEXT = new Object();

    private final EventHeap heap = new EventHeap();
    private double now;
    private double end = Double.POSITIVE_INFINITY;
    private long eventsExecuted;
    private long digest = 0xcbf29ce484222325L;
    /** The clock as other threads may read it (a progress display), updated every few thousand events. */
    private volatile double published;

    /**
     * A new kernel. Use this, not the constructor from several threads: DSOL's {@code Simulator}
     * constructor re-registers the JVM-wide "DSOL" log category in several separately
     * synchronized steps (remove, add, add a formatter), and two simulators built at once can
     * interleave them (a NullPointerException inside djutils' CategoryLogger). Holding
     * CategoryLogger's own monitor makes the sequence atomic.
     */
    public static Kernel create() {
        synchronized (CategoryLogger.class) {
            return new Kernel();
        }
    }

    private Kernel() {
        super("capsim-kernel");
        this.eventList = heap;
        // WARN_AND_PAUSE (the default) would leave the caller waiting forever on an exception;
        // level OFF because capsim reports the error itself, without a logged stack trace.
        setErrorStrategy(ErrorStrategy.WARN_AND_THROW, Level.OFF);
    }

    @Override
    public double now() {
        return now;
    }

    @Override
    public Double getSimulatorTime() {
        return now;
    }

    /** Time at which the running replication ends (hours). */
    public double endTime() {
        return end;
    }

    @Override
    public void at(double time, ModelEvent event) {
        if (!(time >= now)) {
            throw new IllegalStateException("cannot schedule an event at t=" + time + " h before the clock, t=" + now + " h");
        }
        event.time = time;
        heap.add(event);
    }

    /**
     * The simulated hour for a reader on another thread (a progress display): refreshed every
     * 4,096 events, so the hot loop pays no memory barrier per event.
     */
    public double publishedTime() {
        return published;
    }

    /** Number of events executed so far in this replication. */
    public long eventsExecuted() {
        return eventsExecuted;
    }

    /** A hash of the executed event sequence (times and order); equal runs give equal digests. */
    public long eventDigest() {
        return digest;
    }

    /**
     * Runs one replication of {@code model} in the calling thread: DSOL initializes it (which calls
     * the model's {@code constructModel()}), then events execute in order up to and including
     * {@code runLength}. DSOL's worker thread and naming context are always released, also on error.
     *
     * @throws SimulationFailure wrapping whatever an event threw
     */
    public void runReplication(DsolModel<Double, ? extends SimulatorInterface<Double>> model, double warmup,
            double runLength) {
        SingleReplication<Double> replication;
        synchronized (NAMING_CONTEXT) {
            replication = new SingleReplication<>("capsim-" + REPLICATION_IDS.incrementAndGet(), 0.0, warmup, runLength);
        }
        try {
            now = 0.0;
            end = replication.getEndTime();
            initialize(model, replication);
            runState = RunState.STARTED;
            replicationState = ReplicationState.STARTED;
            loop();
            simulatorTime = now;
            published = now;
        } finally {
            cleanUp();
            synchronized (NAMING_CONTEXT) {
                replication.removeFromContext();
            }
        }
    }

    private void loop() {
        EventHeap events = heap;
        try {
            while (!events.isEmpty()) {
                double time = events.firstTime();
                if (time > end) {
                    break;
                }
                SimEventInterface<Double> event = events.removeFirst();
                now = time;
                eventsExecuted++;
                digest = (digest ^ Double.doubleToLongBits(time)) * 0x100000001b3L;
                if (!(event instanceof ModelEvent)) {
                    simulatorTime = time; // DSOL's own events (warm-up, end of replication) read the boxed clock
                }
                event.execute();
                if (replicationState == ReplicationState.ENDING) {
                    break; // DSOL's own end-of-replication event ran: it is the last at the end time
                }
                // Another replication failed or the user stopped the run: stop within a few
                // thousand events rather than finish a result nobody will read.
                if ((eventsExecuted & 0xFFF) == 0) {
                    published = now;
                    if (Thread.currentThread().isInterrupted()) {
                        throw new ReplicationCancelled(now);
                    }
                }
            }
        } catch (ReplicationCancelled cancelled) {
            throw cancelled;
        } catch (RuntimeException failure) {
            throw new SimulationFailure(now, failure);
        }
    }
}
