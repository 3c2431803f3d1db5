package org.capsim.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.capsim.experiment.Precision;
import org.capsim.experiment.StudyPlan;
import org.capsim.experiment.SweepPoint;
import org.capsim.report.ReportFolder;
import org.capsim.scenario.ScenarioDigest;

/**
 * What a study is, as far as its report goes, kept in its work folder: a rerun resumes a killed
 * run only when every entry is the same. Threads and --spark are not in it: the report does not
 * depend on them.
 */
final class StudyManifest {

    private StudyManifest() {
    }

    /**
     * A run's or a compare's manifest.
     *
     * @param origin the study's, whose hashes of the files read the provenance reuses
     */
    static Map<String, String> of(String command, String scenarioText, ExperimentOptions options, StudyPlan plan,
            RunOrigin origin) {
        Precision precision = plan.precision();
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("scenario", ScenarioDigest.of(scenarioText, plan.points().stream().map(SweepPoint::scenario).toList(),
                origin::fileHash));
        entries.put("--set", String.join(" ", options.set));
        entries.put("--target-ci", precision == null ? "none" : precision.target() + " (at most " + precision.maxReplications() + ")");
        entries.put("--sample-hours", Double.toString(plan.first().options().sampleHours()));
        return study(command, entries, plan);
    }

    /**
     * What a study is, for a rerun after a kill to resume only the same study: capsim's version,
     * the command, the command's own {@code entries}, then the policies, seed, replications and
     * points of {@code plan}.
     */
    static Map<String, String> study(String command, Map<String, String> entries, StudyPlan plan) {
        SweepPoint first = plan.first();
        Map<String, String> manifest = new LinkedHashMap<>();
        manifest.put("capsim", new Main.Version().getVersion()[0]);
        manifest.put("command", command);
        manifest.putAll(entries);
        manifest.put("policies", String.join(",", first.labels()));
        manifest.put("--seed", Long.toString(first.options().seed()));
        manifest.put("--replications", Integer.toString(first.options().replications()));
        manifest.put("points", Integer.toString(plan.points().size()));
        return manifest;
    }

    /**
     * The entries a rerun may change and still resume: the replication count, where it is fixed
     * (replications are drawn one by one, so the first k of a study of n are those of one of k).
     */
    static java.util.Set<String> mayChange(StudyPlan plan) {
        return plan.precision() == null ? java.util.Set.of("--replications") : java.util.Set.of();
    }

    /** Why a killed run's folder is not resumed, for the user. */
    static String refusal(ReportFolder.ResumeRefused refused) {
        String key = refused.key();
        String change = key.equals("scenario") || key.startsWith("scenario ")
                ? "the " + key + " changed since the interrupted run (sha256 " + shortHash(refused.then()) + " then, "
                        + shortHash(refused.now()) + " now)"
                : key.equals("capsim") ? "capsim's version changed since the interrupted run (" + refused.then()
                        + " then, " + refused.now() + " now)"
                : key + " changed since the interrupted run (" + shown(refused.then()) + " then, " + shown(refused.now())
                        + " now)";
        return change + "; rerun with --fresh to start over (the interrupted run's folder is " + refused.folder() + ")";
    }

    private static String shortHash(String hash) {
        return hash == null ? "none" : hash.substring(0, Math.min(12, hash.length()));
    }

    private static String shown(String value) {
        return value == null ? "not given" : value.isEmpty() ? "none" : value;
    }
}
