package org.capsim.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.capsim.experiment.Experiment;
import org.capsim.experiment.RunOptions;
import org.capsim.metrics.ReplicationResult;
import org.capsim.policy.PolicyRegistry;
import org.capsim.replication.Deal;
import org.capsim.scenario.Scenario;
import org.capsim.scenario.ScenarioException;
import org.capsim.scenario.ScenarioLoader;

/** Loads and runs scenarios in-process for tests. */
public final class TestScenarios {

    private TestScenarios() {
    }

    /** The repository root (surefire passes it; else the parent of the module folder). */
    public static Path root() {
        String root = System.getProperty("capsim.root");
        return (root != null ? Path.of(root) : Path.of("..")).toAbsolutePath().normalize();
    }

    /** A shipped scenario file. */
    public static Path shipped(String name) {
        return root().resolve("scenarios").resolve(name + ".yaml");
    }

    public static PolicyRegistry registry() {
        return PolicyRegistry.load(TestScenarios.class.getClassLoader());
    }

    public static Scenario load(Path file) {
        try {
            return ScenarioLoader.load(file, file.toString(), new ScenarioLoader.Options(registry(), null));
        } catch (ScenarioException e) {
            throw new AssertionError("scenario " + file + " should be valid:\n" + e.getMessage(), e);
        }
    }

    /** Writes {@code yaml} to {@code dir/name.yaml} and loads it. */
    public static Scenario load(Path dir, String yaml) {
        return load(write(dir, "scenario.yaml", yaml));
    }

    /** The problems of an invalid scenario text, one string each. */
    public static List<String> problems(Path dir, String yaml) {
        Path file = write(dir, "bad.yaml", yaml);
        try {
            ScenarioLoader.load(file, "bad.yaml", new ScenarioLoader.Options(registry(), null));
        } catch (ScenarioException e) {
            return e.problems().stream().map(Object::toString).toList();
        }
        throw new AssertionError("scenario should have been rejected:\n" + yaml);
    }

    public static Path write(Path dir, String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The outcome of an in-process run: per-replication figures and raw records. */
    public record Run(List<ReplicationResult> results, List<MemoryRecorder> records) {
        public MemoryRecorder first() {
            return records.get(0);
        }
    }

    /** Runs {@code replications} replications under the scenario's policy (or {@code policy}). */
    public static Run run(Scenario scenario, String policy, int replications) {
        Deal deal = policy != null ? Deal.of(registry().find(policy)) : Deal.of(scenario, registry());
        List<MemoryRecorder> records = new ArrayList<>();
        for (int i = 0; i < replications; i++) {
            records.add(new MemoryRecorder());
        }
        List<ReplicationResult> results = Experiment.run(scenario, deal,
                new RunOptions(replications, scenario.seed(), 1, 0), r -> records.get(r - 1), Experiment.Progress.NONE);
        return new Run(results, records);
    }

    /** Runs replications without keeping records (fast statistics tests). */
    public static List<ReplicationResult> figures(Scenario scenario, int replications, int threads) {
        return Experiment.run(scenario, Deal.of(scenario, registry()), new RunOptions(replications, scenario.seed(), threads, 0),
                r -> new MemoryRecorder(), Experiment.Progress.NONE);
    }
}
