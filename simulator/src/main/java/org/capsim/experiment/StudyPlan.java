package org.capsim.experiment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.capsim.metrics.Comparison;
import org.capsim.metrics.ReplicationResult;
import org.capsim.metrics.Summary;

/**
 * A study, ready to run: every point of a sweep (the only point without one), each checked
 * before anything runs, and the precision rule. Running it prints nothing: it tells a
 * {@link StudyListener}, hands each point's results to its {@link PointSink}, and throws a
 * {@link StudyFailure} when the simulation fails.
 *
 * @param precision null for a fixed number of replications
 */
public record StudyPlan(List<SweepPoint> points, Precision precision) {

    public StudyPlan {
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a study has at least one point");
        }
    }

    public SweepPoint first() {
        return points.get(0);
    }

    /** Replications to run at first, over every policy and point. */
    public int firstTasks() {
        return points.stream().mapToInt(p -> firstBatch(p) * p.deals().size()).sum();
    }

    /** Replications of each policy a point starts with: all of them, or the first batch under a precision rule. */
    public int firstBatch(SweepPoint point) {
        int asked = point.options().replications();
        return precision == null ? asked : precision.initial(asked);
    }

    /** Runs every point in order, on this JVM's threads; returns their results. */
    public List<PointResult> run(PointSink.Opener sinks, StudyListener listener) throws IOException {
        return run(sinks, listener, ReplicationRunner.THREADS);
    }

    /** Runs every point in order, its replications where {@code runner} runs them; returns their results. */
    public List<PointResult> run(PointSink.Opener sinks, StudyListener listener, ReplicationRunner runner)
            throws IOException {
        boolean local = runner == ReplicationRunner.THREADS;
        List<PointResult> results = new ArrayList<>();
        for (SweepPoint point : points) {
            listener.pointStarted(point, points.size());
            try (PointSink sink = sinks.open(point, local && spareCoreForRows(point))) {
                PointResult result = run(point, sink, listener, runner);
                sink.finish(result);
                results.add(result);
            }
        }
        return results;
    }

    private PointResult run(SweepPoint point, PointSink sink, StudyListener listener, ReplicationRunner runner) {
        ReplicationRunner resuming = Resumed.over(runner, sink.resumed());
        Study.Outcome outcome = StudyFailure.guard(point, () -> Study.run(point, precision, resuming, sink.recorders(),
                listener, replications -> listener.replicationsAdded(point, replications)));
        List<String> labels = point.labels();
        List<Summary> summaries = outcome.results().stream().map(Summary::of).toList();
        Comparison comparison = labels.size() > 1 ? Comparison.of(labels, outcome.results()) : null;
        long events = outcome.results().stream().flatMap(List::stream).mapToLong(ReplicationResult::events).sum();
        return new PointResult(point, summaries, comparison, outcome.replications(), outcome.precision(), events,
                outcome.results());
    }

    /**
     * Whether every replication running at once can have a second thread, out of the threads
     * budget, to make its rows into text: a run of fewer replications than half its threads (one
     * large replay on two cores, the common case). Runs until a precision is reached add
     * replications as they go, so they keep to one thread each.
     */
    private boolean spareCoreForRows(SweepPoint point) {
        long tasks = (long) point.options().replications() * point.deals().size();
        return precision == null && 2 * tasks <= point.options().threads();
    }
}
