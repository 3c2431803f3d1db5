package org.capsim.replication;

import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

import org.capsim.engine.Kernel;
import org.capsim.metrics.ReplicationResult;
import org.capsim.record.ReplicationRecorder;
import org.capsim.scenario.Scenario;

/** Runs one replication: a fresh kernel and a fresh model, in the calling thread. */
public final class Replication {

    private Replication() {
    }

    public static ReplicationResult run(Scenario scenario, Deal deal, int replication, long seed,
            double sampleHours, ReplicationRecorder recorder) {
        return run(scenario, deal, replication, seed, sampleHours, recorder, clock -> {
        });
    }

    /**
     * @param seed        root seed; streams derive from (seed, replication, name)
     * @param sampleHours grid of sites.csv rows, or 0 for a row at every change
     * @param started     given a reader of the simulated hour (safe from any thread) when the run starts
     */
    public static ReplicationResult run(Scenario scenario, Deal deal, int replication, long seed, double sampleHours,
            ReplicationRecorder recorder, Consumer<DoubleSupplier> started) {
        Kernel kernel = Kernel.create();
        CapacityModel model = new CapacityModel(kernel, scenario, deal, replication, seed, sampleHours, recorder);
        started.accept(kernel::publishedTime);
        kernel.runReplication(model, scenario.warmupHours(), scenario.endHours());
        return model.finish();
    }
}
