package org.capsim.engine;

/** An event failed; carries the simulation time and the original cause. */
public final class SimulationFailure extends RuntimeException {

    private final double time;

    public SimulationFailure(double time, Throwable cause) {
        super("at t=" + time + " h: " + cause, cause);
        this.time = time;
    }

    /** Simulation time (hours) at which the failing event ran. */
    public double time() {
        return time;
    }
}
