package org.capsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.capsim.experiment.PointResult;
import org.capsim.experiment.PointSink;
import org.capsim.experiment.StudyPlan;
import org.capsim.experiment.SweepPoint;
import org.capsim.report.ReportFormatException;
import org.capsim.report.ReportWriter;
import org.capsim.report.ResumeLog;
import org.capsim.report.SummaryJson;
import org.capsim.report.SweepCsv;
import org.capsim.report.data.ReportData;

/**
 * A study's points written into one report folder: the folder itself for one point, a
 * {@code point-NN} folder each in a sweep. Keeps each report's chart data as gathered during the
 * run, for the charts step.
 */
final class ReportPoints implements PointSink.Opener {

    private final Path folder;
    private final int points;
    private final boolean sweep;
    private final boolean charts;
    private final String scenarioText;
    private final RunOrigin origin;
    /** Where each point's {@link ResumeLog} lives. */
    private final Path resumeDir;
    private final int replications;
    /** Per report folder, its charts' data as gathered during the run (taken by the charts step). */
    private final Map<Path, ReportData> chartData = new HashMap<>();

    /**
     * @param scenarioText the scenario file's text, written as each report's scenario.yaml
     * @param resumeDir    where each point keeps its completed replications for a rerun
     * @param replications the most replications a point runs: a rerun with fewer keeps only these
     */
    ReportPoints(Path folder, int points, boolean sweep, boolean charts, String scenarioText, RunOrigin origin,
            Path resumeDir, int replications) {
        this.origin = origin;
        this.replications = replications;
        this.resumeDir = resumeDir;
        this.folder = folder;
        this.points = points;
        this.sweep = sweep;
        this.charts = charts;
        this.scenarioText = scenarioText;
    }

    @Override
    public PointSink open(SweepPoint point, boolean spareCoreForRows) throws IOException {
        Path dir = sweep ? folder.resolve(SweepCsv.pointFolder(point.number(), points)) : folder;
        return resuming(dir, point, charts, spareCoreForRows, resumeDir, replications, (writer, result) -> {
            String text = point.assignments().isEmpty() ? scenarioText : header(point, sweep) + scenarioText;
            SummaryJson.Report report = new SummaryJson.Report(point.options().seed(), point.labels(),
                    result.summaries(), result.comparison(), result.precision(), point.overrides(),
                    point.dealDescription(), origin.provenance(point.scenario(), text));
            writer.finish(result.replications(), report, text);
            try {
                ReportData data = writer.chartData();
                if (data != null) {
                    chartData.put(dir, data);
                }
            } catch (ReportFormatException e) {
                throw new InternalFailure("the report's data does not match its summary: " + e.getMessage(), e);
            }
        });
    }

    /** What a point's report writes once its replications are done: summary.json and scenario.yaml. */
    interface Finish {
        void finish(ReportWriter writer, PointResult result) throws IOException;
    }

    /**
     * A point's sink writing its report's rows into {@code dir} and keeping each completed
     * replication in {@code resumeDir} (at most {@code replications} are resumed), so that a rerun
     * after a kill goes on from there; {@code finish} writes the rest.
     */
    static PointSink resuming(Path dir, SweepPoint point, boolean charts, boolean spareCoreForRows, Path resumeDir,
            int replications, Finish finish) throws IOException {
        Files.createDirectories(resumeDir);
        ResumeLog log = ResumeLog.open(ResumeLog.of(resumeDir, point.number()), point.deals().size(), replications);
        ReportWriter writer;
        try {
            writer = new ReportWriter(dir, point.scenario(), point.labels(), point.options().sampleHours(), charts,
                    spareCoreForRows, log);
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
        return new LoggedSink(log, writer.recorders(), result -> finish.finish(writer, result), writer::close);
    }

    /** Replications (over every policy and point) that an interrupted run completed and this one resumes. */
    int resumed(StudyPlan plan) {
        return resumed(resumeDir, plan, replications);
    }

    /** Replications (over every policy and point) kept in {@code resumeDir}, at most {@code most} a point. */
    static int resumed(Path resumeDir, StudyPlan plan, int most) {
        int resumed = 0;
        for (SweepPoint point : plan.points()) {
            Path file = ResumeLog.of(resumeDir, point.number());
            if (Files.exists(file)) {
                try (ResumeLog log = ResumeLog.open(file, point.deals().size(), most)) {
                    resumed += log.resumedReplications() * point.deals().size();
                } catch (IOException e) {
                    throw new BadInputException("--out: cannot read " + file + ": " + IoMessages.describe(e));
                }
            }
        }
        return resumed;
    }

    /** The chart data gathered for the report in {@code dir}, once; null when there is none. */
    ReportData takeChartData(Path dir) {
        return chartData.remove(dir);
    }

    /** What the scenario.yaml of a sweep point, or of a run with --set, starts with: the values it was run with. */
    private static String header(SweepPoint point, boolean sweep) {
        StringBuilder text = new StringBuilder(sweep ? "# capsim sweep point " + point.number() + ": this scenario was run with"
                : "# capsim: this scenario was run with");
        point.assignments().forEach(a -> text.append(' ').append(a.label()));
        return text.append('\n').toString();
    }
}
