package org.capsim.cli;

import java.nio.file.Path;
import java.util.List;

import org.capsim.experiment.PointSink;
import org.capsim.experiment.SweepPoint;
import org.capsim.report.SummaryJson;

/**
 * The report of each arm of {@code compare A.yaml B.yaml}, in {@code arms/<label>/} of the
 * comparison's folder: its jobs.csv, sites.csv, summary.json and scenario.yaml, as a run of that
 * scenario alone would write them (no charts: the comparison's page has them side by side). Its
 * provenance records that run, so {@code capsim reproduce} can rerun an arm.
 */
final class ArmReports implements PointSink.Opener {

    private final Path folder;
    private final List<String> labels;
    private final List<String> files;
    private final List<String> scenarioTexts;
    private final RunOrigin origin;
    private final Path resumeDir;
    private final int replications;

    /**
     * @param folder       the comparison's folder; labels, files and scenarioTexts by arm, in the
     *                     plan's order
     * @param resumeDir    where each arm keeps its completed replications for a rerun
     * @param replications the replications an arm runs: a rerun with fewer keeps only these
     */
    ArmReports(Path folder, List<String> labels, List<String> files, List<String> scenarioTexts, RunOrigin origin,
            Path resumeDir, int replications) {
        this.folder = folder;
        this.resumeDir = resumeDir;
        this.replications = replications;
        this.labels = List.copyOf(labels);
        this.files = List.copyOf(files);
        this.scenarioTexts = List.copyOf(scenarioTexts);
        this.origin = origin;
    }

    /** Where arm {@code label}'s report goes, below a comparison's folder. */
    static Path folder(Path comparison, String label) {
        return comparison.resolve("arms").resolve(label.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** The run of this arm's scenario alone that writes the same report (what capsim reproduce reruns). */
    private List<String> alone(SweepPoint point) {
        return List.of("run", files.get(point.number() - 1), "--replications",
                String.valueOf(point.options().replications()), "--seed", String.valueOf(point.options().seed()));
    }

    @Override
    public PointSink open(SweepPoint point, boolean spareCoreForRows) throws java.io.IOException {
        int arm = point.number() - 1;
        String text = scenarioTexts.get(arm);
        return ReportPoints.resuming(folder(folder, labels.get(arm)), point, false, spareCoreForRows, resumeDir,
                replications, (writer, result) -> writer.finish(result.replications(), new SummaryJson.Report(
                        point.options().seed(), point.labels(), result.summaries(), result.comparison(),
                        result.precision(), point.overrides(), point.dealDescription(),
                        origin.as(alone(point)).provenance(point.scenario(), text)), text));
    }
}
