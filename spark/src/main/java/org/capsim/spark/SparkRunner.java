package org.capsim.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.api.java.JavaSparkContext;
import org.capsim.engine.SimulationFailure;
import org.capsim.experiment.Experiment;
import org.capsim.experiment.ReplicationRunner;
import org.capsim.experiment.StudyRecipe;
import org.capsim.experiment.SweepPoint;
import org.capsim.metrics.ReplicationResult;

/**
 * Runs a point's replications as Spark tasks, one per (arm, replication), and hands each
 * replication's rows to the report writer in replication order (arms within), as the threads
 * do: the driver keeps only the replications that finished ahead of one still running.
 */
final class SparkRunner implements ReplicationRunner {

    private final JavaSparkContext context;
    private final StudyRecipe recipe;
    /** The inputs shipped to a cluster's executors, or null in local mode. */
    private final ShippedInputs shipped;

    SparkRunner(JavaSparkContext context, StudyRecipe recipe, ShippedInputs shipped) {
        this.context = context;
        this.recipe = recipe;
        this.shipped = shipped;
    }

    @Override
    public List<List<ReplicationResult>> run(SweepPoint point, int first, int last, Experiment.Recorders recorders,
            Experiment.Progress progress) {
        int arms = point.deals().size();
        List<ReplicationTask> tasks = new ArrayList<>();
        for (int replication = first; replication <= last; replication++) {
            for (int arm = 0; arm < arms; arm++) {
                tasks.add(new ReplicationTask(recipe, shipped, point.number(), arm, replication));
            }
        }
        InOrder inOrder = new InOrder(tasks.size(), done -> {
            if (done.stop() != null) {
                throw done.stop().failure(); // as the threads would, at the first in replication order
            }
            recorders.rows(done.arm(), done.replication(), done.jobs(), done.sites());
            recorders.finished(done.arm(), done.result()); // kept for a rerun to resume from
            double end = point.scenario().endHours();
            progress.started(done.arm(), done.replication(), () -> end);
            progress.finished(done.arm(), done.replication());
        });
        try {
            Jobs.runInOrder(context, tasks, inOrder);
        } catch (Exception e) { // Spark's exceptions are checked ones thrown from Scala
            throw failed(e);
        }
        return inOrder.byArm(arms);
    }

    /**
     * What a failed job means to capsim: the report could not be written or a routing policy
     * stopped a replication (both as with threads), or a task failed for good, named by its
     * point, policy, replication and seed.
     */
    static RuntimeException failed(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UncheckedIOException io) {
                return io;
            }
            if (cause instanceof SimulationFailure policyStop) {
                return policyStop;
            }
        }
        String text = String.valueOf(failure.getMessage());
        Matcher task = TASK.matcher(text);
        return new IllegalStateException(task.find() ? "a Spark task failed for good: " + task.group()
                : "Spark: " + text.lines().findFirst().orElse(text), failure);
    }

    /** How {@link ReplicationTask} names a replication that failed, as Spark quotes it. */
    private static final Pattern TASK = Pattern.compile("point \\d+, policy \\S+, replication \\d+, seed -?\\d+: [^\\n]*");

    @Override
    public void close() {
        context.stop();
        if (shipped != null) {
            Path archive = Path.of(shipped.archive());
            try {
                Files.deleteIfExists(archive);
                Files.deleteIfExists(archive.getParent());
            } catch (IOException e) {
                // a temporary file left behind is no reason to fail a finished study
            }
        }
    }
}
