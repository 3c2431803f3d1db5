package org.capsim.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
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

    SparkRunner(JavaSparkContext context, StudyRecipe recipe) {
        this.context = context;
        this.recipe = recipe;
    }

    @Override
    public List<List<ReplicationResult>> run(SweepPoint point, int first, int last, Experiment.Recorders recorders,
            Experiment.Progress progress) {
        int arms = point.deals().size();
        List<ReplicationTask> tasks = new ArrayList<>();
        for (int replication = first; replication <= last; replication++) {
            for (int arm = 0; arm < arms; arm++) {
                tasks.add(new ReplicationTask(recipe, point.number(), arm, replication));
            }
        }
        InOrder inOrder = new InOrder(tasks.size(), done -> {
            recorders.rows(done.arm(), done.replication(), done.jobs(), done.sites());
            double end = point.scenario().endHours();
            progress.started(done.arm(), done.replication(), () -> end);
            progress.finished(done.arm(), done.replication());
        });
        Jobs.runInOrder(context, tasks, inOrder);
        return inOrder.byArm(arms);
    }

    @Override
    public void close() {
        context.stop();
    }
}
