package org.capsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.capsim.experiment.Experiment;
import org.capsim.experiment.PointResult;
import org.capsim.experiment.PointSink;
import org.capsim.experiment.StudyFailure;
import org.capsim.experiment.StudyListener;
import org.capsim.experiment.StudyPlan;
import org.capsim.experiment.SweepPoint;
import org.capsim.policy.PolicyRegistry;
import org.capsim.record.ReplicationRecorder;
import org.capsim.report.ReportFolder;
import org.capsim.scenario.Assignment;
import org.capsim.scenario.Scenario;

/**
 * Points run as the arms of one comparison ({@code sensitivity}, {@code compare A.yaml B.yaml}):
 * each point one policy, all from the same seed and replications, their figures kept for paired
 * differences; rows only where the caller's sinks put them (each arm's own report in a
 * comparison of scenarios), and what the caller writes from the results. The folder
 * is written aside and renamed at the end, as every report is.
 */
final class ArmsStudy {

    /** Writes the study's files into the new folder from the points' results. */
    interface Output {
        void write(Path dir, List<PointResult> results) throws IOException;
    }

    private ArmsStudy() {
    }

    /** Each scenario a point of one policy ({@code policy} or the scenario's own deal), same seed and replications. */
    static StudyPlan plan(List<Scenario> scenarios, List<List<Assignment>> assignments, PolicyRegistry registry,
            String policy, SweepPoint.Asked asked) {
        List<SweepPoint> points = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            points.add(SweepPoint.of(i + 1, assignments.get(i), scenarios.get(i), registry,
                    policy == null ? List.of() : List.of(policy), asked));
        }
        return new StudyPlan(points, null);
    }

    /**
     * Runs {@code plan} into {@code target}; returns the results and the seconds it took.
     *
     * @param err where the progress goes, or null for none (--quiet)
     */
    static Outcome run(StudyPlan plan, Path target, PrintWriter err, boolean debug, Output output) {
        return run(plan, target, err, debug, dir -> ArmsStudy::recordNothing, output);
    }

    /**
     * As {@link #run(StudyPlan, Path, PrintWriter, boolean, Output)}, each arm's rows going where
     * {@code sinks} (given the new folder) says.
     */
    static Outcome run(StudyPlan plan, Path target, PrintWriter err, boolean debug,
            Function<Path, PointSink.Opener> sinks, Output output) {
        ReportFolder folder = StudyRunner.createFolder(target);
        ProgressDisplay progress = err == null ? null
                : ProgressDisplay.start(err, plan.firstTasks(), plan.first().scenario().endHours(),
                        plan.first().scenario().calendar(), "run");
        long started = System.nanoTime();
        try (folder) {
            List<PointResult> results = plan.run(sinks.apply(folder.dir()), progress == null ? StudyListener.NONE : progress);
            if (progress != null) {
                progress.end();
                progress = null;
            }
            output.write(folder.dir(), results);
            folder.commit();
            return new Outcome(results, (System.nanoTime() - started) / 1e9);
        } catch (StudyFailure failure) {
            throw StudyFailures.toExit(failure, debug, target);
        } catch (IOException e) {
            throw StudyFailures.cannotWrite(IoMessages.describe(e), e, target);
        } finally {
            if (progress != null) {
                progress.end();
            }
        }
    }

    /** What a run gave: every point's results, and the seconds from the first replication to the folder's commit. */
    record Outcome(List<PointResult> results, double seconds) {
    }

    private static PointSink recordNothing(SweepPoint point, boolean spareCoreForRows) {
        return new PointSink() {
            @Override
            public Experiment.Recorders recorders() {
                return (arm, replication) -> ReplicationRecorder.NONE;
            }

            @Override
            public void finish(PointResult result) {
            }

            @Override
            public void close() {
            }
        };
    }
}
