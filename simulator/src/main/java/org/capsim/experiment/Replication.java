package org.capsim.experiment;

import org.capsim.engine.Kernel;
import org.capsim.metrics.ReplicationResult;
import org.capsim.scenario.Scenario;

/** Runs one replication: a fresh kernel and a fresh model, in the calling thread. */
public final class Replication {

    private Replication() {
    }

    public static ReplicationResult run(Scenario scenario, Deal deal, int replication,
            RunOptions options, ReplicationRecorder recorder) {
        Kernel kernel = Kernel.create();
        CapacityModel model = new CapacityModel(kernel, scenario, deal, replication, options.seed(),
                options.sampleHours(), recorder);
        kernel.runReplication(model, scenario.warmupHours(), scenario.endHours());
        return model.finish();
    }
}
