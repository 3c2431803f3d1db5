package org.capsim.spark;

import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.capsim.experiment.StudyRecipe;
import org.capsim.experiment.SweepPoint;
import org.capsim.metrics.ReplicationResult;
import org.capsim.record.ReplicationRecorder;
import org.capsim.replication.Replication;
import org.capsim.report.ReportWriter;

/**
 * One Spark task: replication {@code replication} of arm {@code arm} of sweep point {@code point},
 * with the seeds it has on threads. It runs on an executor, which makes the point again from the
 * recipe (once per executor JVM), and returns the replication's rows as jobs.csv and sites.csv
 * text with its result: what the driver's report writer needs, in the bytes a thread would have
 * written.
 */
record ReplicationTask(StudyRecipe recipe, int point, int arm, int replication) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Points made on this executor, by recipe and number. */
    private static final Map<ReplicationTask, SweepPoint> POINTS = new ConcurrentHashMap<>();

    /** What a task sends back. */
    record Done(int arm, int replication, byte[] jobs, byte[] sites, ReplicationResult result) implements Serializable {

        private static final long serialVersionUID = 1L;
    }

    Done run() {
        SweepPoint sweepPoint = POINTS.computeIfAbsent(new ReplicationTask(recipe, point, 0, 0), key -> recipe.point(point));
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
            return new Done(arm, replication, jobs.toByteArray(), sites.toByteArray(), result);
        } catch (RuntimeException | Error e) {
            throw new IllegalStateException("point " + point + ", policy " + policy + ", replication " + replication
                    + ", seed " + seed + ": " + e, e);
        }
    }
}
