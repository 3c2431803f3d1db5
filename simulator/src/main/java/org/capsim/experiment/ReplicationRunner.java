package org.capsim.experiment;

import java.nio.file.Path;
import java.util.List;

import org.capsim.metrics.ReplicationResult;

/**
 * Where a point's replications run: this JVM's threads ({@link #THREADS}, the default), or
 * elsewhere, e.g. the executors of an Apache Spark cluster (the capsim-spark module, found through
 * {@link Remote}). Whatever the place, replication r of every arm uses the streams of (seed, r)
 * and the results come back in replication order, so the report does not depend on it.
 */
public interface ReplicationRunner extends AutoCloseable {

    /**
     * Replications {@code first..last} (numbered from 1) of every arm of {@code point}; each
     * replication's rows go to {@code recorders} (its recorder, or its rows made elsewhere).
     *
     * @return per arm, in the point's order, the results in replication order
     */
    List<List<ReplicationResult>> run(SweepPoint point, int first, int last, Experiment.Recorders recorders,
            Experiment.Progress progress);

    /** Releases what the runner holds (a cluster's connection). */
    @Override
    default void close() {
    }

    /** In this JVM, on {@code point.options().threads()} threads. */
    ReplicationRunner THREADS = (point, first, last, recorders, progress) -> Experiment.run(point.scenario(),
            point.deals(), point.options(), first, last, recorders, progress);

    /**
     * A place to run replications other than this JVM, found through
     * {@link java.util.ServiceLoader} (so the simulator does not depend on it).
     */
    interface Remote {

        /** The command-line option that asks for it, e.g. {@code --spark}. */
        String option();

        /**
         * Connects to {@code master}; the executors make the study's points again from
         * {@code recipe}, reading {@code inputs} (the scenario, its trace and data files, the
         * policy jars: absolute paths), which a runner may ship to them.
         *
         * @throws IllegalArgumentException naming {@code master} when it is not a usable master
         */
        ReplicationRunner open(String master, StudyRecipe recipe, List<Path> inputs, boolean debug);
    }
}
