package org.capsim.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies of scenarios/stargate-2025.yaml (and of its issue-18 version) for rows (f) and (h): routing keys added, and in the
 * smoke run cut at the end of 2025. A copy rather than --set, which would make a run a sweep.
 */
final class StargateScenario {

    static final String FILE = "scenarios/stargate-2025.yaml";
    /** The same file as it was when issue 18 set its targets (strict FIFO, before issue 19 recalibrated it). */
    static final String AT_ISSUE_18 = "bench/scenarios/stargate-2025-at-issue-18.yaml";
    /** The smoke run's horizon: one year of arrivals instead of four. */
    static final String QUICK_HORIZON = "2025-12-31";

    private StargateScenario() {
    }

    /**
     * Writes {@code name} into {@code dir}: stargate-2025 with {@code routing} (YAML lines
     * indented by two spaces, or "") added to its routing block, cut at
     * {@value #QUICK_HORIZON} when {@code quick}.
     */
    static Path write(Path root, Path dir, String name, String routing, boolean quick) throws IOException {
        return write(root, FILE, dir, name, routing, quick);
    }

    /** {@link #write(Path, Path, String, String, boolean)} from {@code file} (relative to {@code root}). */
    static Path write(Path root, String file, Path dir, String name, String routing, boolean quick) throws IOException {
        String yaml = Files.readString(root.resolve(file), StandardCharsets.UTF_8);
        String block = "\nrouting:\n";
        if (!yaml.contains(block)) {
            throw new IllegalStateException(file + ": no top-level routing block");
        }
        yaml = yaml.replace(block, block + routing);
        if (quick) {
            yaml = yaml.replaceFirst("(?m)^horizon: .*$", "horizon: " + QUICK_HORIZON);
        }
        return Files.writeString(dir.resolve(name), yaml, StandardCharsets.UTF_8);
    }
}
