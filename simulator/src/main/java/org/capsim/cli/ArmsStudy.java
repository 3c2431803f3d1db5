package org.capsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.capsim.experiment.Experiment;
import org.capsim.metrics.ReplicationResult;
import org.capsim.experiment.PointResult;
import org.capsim.experiment.PointSink;
import org.capsim.experiment.StudyFailure;
import org.capsim.experiment.StudyListener;
import org.capsim.experiment.StudyPlan;
import org.capsim.experiment.SweepPoint;
import org.capsim.policy.PolicyRegistry;
import org.capsim.record.ReplicationRecorder;
import org.capsim.report.ReportFolder;
import org.capsim.report.ResumeLog;
import org.capsim.scenario.Assignment;
import org.capsim.scenario.Scenario;

/**
 * Points run as the arms of one comparison ({@code sensitivity}, {@code compare A.yaml B.yaml}):
 * each point one policy, all from the same seed and replications, their figures kept for paired
 * differences; rows only where the caller's sinks put them (each arm's own report in a
 * comparison of scenarios), and what the caller writes from the results. The folder
 * is written aside and renamed at the end, as every report is; a killed study's rerun resumes
 * after the replications each point completed, as a run's does.
 */
final class ArmsStudy {

    /** Writes the study's files into the new folder from the points' results. */
    interface Output {
        void write(Path dir, List<PointResult> results) throws IOException;
    }

    /** Each point's sink, given the new folder, where the points keep their completed replications, and the count. */
    interface Sinks {
        PointSink.Opener open(Path dir, Path resumeDir, int replications);
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
    static Outcome run(StudyPlan plan, Path target, PrintWriter err, boolean debug, Map<String, String> manifest,
            boolean fresh, Output output) {
        return run(plan, target, err, debug, manifest, fresh, (dir, resumeDir, replications) -> resultsOnly(resumeDir,
                replications), output);
    }

    /**
     * As {@link #run(StudyPlan, Path, PrintWriter, boolean, Map, boolean, Output)}, each arm's rows
     * going where {@code sinks} says.
     *
     * @param manifest what the study is (see {@link StudyManifest#study}): a killed run of the same study resumes
     * @param fresh    start over even so
     */
    static Outcome run(StudyPlan plan, Path target, PrintWriter err, boolean debug, Map<String, String> manifest,
            boolean fresh, Sinks sinks, Output output) {
        ReportFolder folder = StudyRunner.createFolder(target, manifest, StudyManifest.mayChange(plan), fresh);
        int replications = plan.first().options().replications();
        int resumed = ReportPoints.resumed(folder.resumeDir(), plan, replications);
        if (resumed > 0 && err != null) {
            err.println("resumed " + resumed + " of " + plan.firstTasks() + " replications from " + folder.dir());
        }
        ProgressDisplay progress = err == null ? null
                : ProgressDisplay.start(err, plan.firstTasks(), plan.first().scenario().endHours(),
                        plan.first().scenario().calendar(), "run");
        long started = System.nanoTime();
        try (folder) {
            List<PointResult> results = plan.run(sinks.open(folder.dir(), folder.resumeDir(), replications),
                    progress == null ? StudyListener.NONE : progress);
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

    /** Sinks that keep no rows, only each replication's results, for a rerun to resume from. */
    private static PointSink.Opener resultsOnly(Path resumeDir, int replications) {
        return (point, spareCoreForRows) -> {
            Files.createDirectories(resumeDir);
            ResumeLog log = ResumeLog.openWithoutRows(ResumeLog.of(resumeDir, point.number()), point.deals().size(),
                    replications);
            Experiment.Recorders resultsOnly = new Experiment.Recorders() {
                @Override
                public ReplicationRecorder open(int arm, int replication) {
                    return ReplicationRecorder.NONE;
                }

                @Override
                public void finished(int arm, ReplicationResult result) {
                    try {
                        log.result(arm, result);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
            return new LoggedSink(log, resultsOnly, result -> { }, () -> { });
        };
    }
}
