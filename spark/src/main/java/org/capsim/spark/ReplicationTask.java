package org.capsim.spark;

import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.SparkFiles;
import org.capsim.engine.SimulationFailure;
import org.capsim.experiment.StudyRecipe;
import org.capsim.experiment.SweepPoint;
import org.capsim.metrics.ReplicationResult;
import org.capsim.policy.PolicyException;
import org.capsim.record.ReplicationRecorder;
import org.capsim.replication.Replication;
import org.capsim.report.ReportWriter;

/**
 * One Spark task: replication {@code replication} of arm {@code arm} of sweep point {@code point},
 * with the seeds it has on threads. It runs on an executor, which makes the point again from the
 * recipe (once per executor JVM; on a cluster from the {@code shipped} inputs, else at the
 * driver's paths), and returns the replication's rows as jobs.csv and sites.csv text with its
 * result: what the driver's report writer needs, in the bytes a thread would have written.
 */
record ReplicationTask(StudyRecipe recipe, ShippedInputs shipped, int point, int arm, int replication)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Points made on this executor, by recipe and number. */
    private static final Map<ReplicationTask, SweepPoint> POINTS = new ConcurrentHashMap<>();

    /** What a task sends back: the replication's rows and result, or why its policy stopped it. */
    record Done(int arm, int replication, byte[] jobs, byte[] sites, ReplicationResult result, PolicyStop stop)
            implements Serializable {

        private static final long serialVersionUID = 1L;
    }

    /**
     * A routing policy threw at simulated hour {@code hour}. Sent back as text, not retried: the
     * same seeds would fail the same way, and the planner's exception class is not on Spark's
     * class path on the driver.
     */
    record PolicyStop(double hour, String policy, String message) implements Serializable {

        private static final long serialVersionUID = 1L;

        /** The failure as the threads raise it, for the command line to report (exit 2 for a planner's policy). */
        SimulationFailure failure() {
            String prefix = "routing policy '" + policy + "' ";
            return new SimulationFailure(hour, new PolicyException(policy,
                    message.startsWith(prefix) ? message.substring(prefix.length()) : message, null));
        }
    }

    Done run() {
        SweepPoint sweepPoint = POINTS.computeIfAbsent(new ReplicationTask(recipe, shipped, point, 0, 0),
                key -> (shipped == null ? recipe : shipped.localize(recipe, Path.of(SparkFiles.get(shipped.name()))))
                        .point(point));
        String policy = sweepPoint.labels().get(arm);
        long seed = sweepPoint.options().seed();
        try {
            ByteArrayOutputStream jobs = new ByteArrayOutputStream(1 << 16);
            ByteArrayOutputStream sites = new ByteArrayOutputStream(1 << 16);
            ReplicationResult result;
            try (ReplicationRecorder recorder = ReportWriter.rowRecorder(sweepPoint.scenario(), policy, replication,
                    sweepPoint.options().sampleHours(), jobs, sites)) {
                result = Replication.run(sweepPoint.scenario(), sweepPoint.deals().get(arm), replication, seed,
                        sweepPoint.options().sampleHours(), recorder);
            }
            return new Done(arm, replication, jobs.toByteArray(), sites.toByteArray(), result, null);
        } catch (SimulationFailure failure) {
            if (failure.getCause() instanceof PolicyException policyFailure) {
                return new Done(arm, replication, null, null, null,
                        new PolicyStop(failure.time(), policyFailure.policy(), policyFailure.getMessage()));
            }
            throw named(policy, seed, failure);
        } catch (RuntimeException | Error e) {
            throw named(policy, seed, e);
        }
    }

    private IllegalStateException named(String policy, long seed, Throwable failure) {
        return new IllegalStateException("point " + point + ", policy " + policy + ", replication " + replication
                + ", seed " + seed + ": " + failure, failure);
    }
}
