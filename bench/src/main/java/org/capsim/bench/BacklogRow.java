package org.capsim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Row (e), backlog scaling: the overloaded two-priority trace of {@link BacklogTraceGenerator}
 * at two sizes, four times apart ({@code ./capsim run --no-charts}): the smaller twice, keeping
 * the faster (a first run after the build took up to twice as long), the larger once (it is
 * minutes long, and its run time is the work). Since the queue grows all along, four times the jobs is
 * four times the queue, and a routing cost that grows with the queue shows as a time ratio above
 * four. The queue reached is the jobs still waiting at the horizon (summary.json's
 * {@code jobs_waiting}), a day after the last arrival.
 */
final class BacklogRow {

    /** Time ratio of the two sizes the table checks against; linear is 4. */
    static final double TARGET = 5.0;
    private static final long SEED = 7;

    private final Launcher launcher;

    BacklogRow(Launcher launcher) {
        this.launcher = launcher;
    }

    /** A size's run: its time and the queue it ended with. */
    private record Point(int jobs, double seconds, long queued) {
    }

    List<Row> measure(boolean quick) throws Exception {
        int small = quick ? 5_000 : 130_000;
        Point once = run(small);
        Point again = run(small);
        Point first = again.seconds() < once.seconds() ? again : once;
        Point second = run(4 * small);
        return List.of(new Row("(e) backlog scaling, 2 priorities, load 1.3", describe(first), describe(second),
                Row.ratio(second.seconds() / first.seconds(), TARGET, "; linear 4x")),
            new Row("    queued at the end (summary jobs_waiting)",
                String.format(Locale.ROOT, "%,d jobs", first.queued()), String.format(Locale.ROOT, "%,d jobs (%.1fx)",
                        second.queued(), (double) second.queued() / first.queued()), ""));
    }

    private static String describe(Point point) {
        return String.format(Locale.ROOT, "%,d jobs %.1f s", point.jobs(), point.seconds());
    }

    private Point run(int jobs) throws Exception {
        Path dir = launcher.work().resolve("backlog-" + jobs);
        Path scenario = Files.exists(dir.resolve("backlog.yaml")) ? dir.resolve("backlog.yaml")
                : BacklogTraceGenerator.write(dir, jobs, SEED);
        Path report = dir.resolve("report");
        Timed timed = launcher.time("backlog " + jobs, launcher.capsim("run", scenario.toString(), "--no-charts", "--quiet",
                "--out", report.toString()));
        return new Point(jobs, timed.seconds(), jobsWaiting(report.resolve("summary.json")));
    }

    /** The jobs still queued at the horizon, as a run's summary.json reports them (its one policy). */
    static long jobsWaiting(Path summary) throws IOException {
        JsonNode mean = new ObjectMapper().readTree(summary.toFile()).path("policies").path(0).path("metrics")
                .path("jobs_waiting").path("mean");
        if (!mean.isNumber()) {
            throw new IllegalStateException(summary + ": no policies[0].metrics.jobs_waiting.mean");
        }
        return Math.round(mean.asDouble());
    }
}
