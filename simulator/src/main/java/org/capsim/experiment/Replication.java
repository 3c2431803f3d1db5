package org.capsim.experiment;

import org.capsim.engine.Kernel;
import org.capsim.metrics.ReplicationResult;
import org.capsim.policy.PolicyRegistry;
import org.capsim.scenario.Scenario;

/** Runs one replication: a fresh kernel and a fresh model, in the calling thread. */
public final class Replication {

    private Replication() {
    }

    public static ReplicationResult run(Scenario scenario, PolicyRegistry.Entry policy, int replication,
            RunOptions options, ReplicationRecorder recorder) {
        Kernel kernel = Kernel.create();
        CapacityModel model = new CapacityModel(kernel, scenario, policy, replication, options.seed(),
                options.sampleHours(), recorder);
        kernel.runReplication(model, scenario.warmupHours(), scenario.endHours());
        return model.finish();
    }
}
