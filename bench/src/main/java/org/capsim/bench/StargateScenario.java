package org.capsim.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies of scenarios/stargate-2025.yaml for rows (f) and (h): routing keys added, and in the
 * smoke run cut at the end of 2025. A copy rather than --set, which would make a run a sweep.
 */
final class StargateScenario {

    static final String FILE = "scenarios/stargate-2025.yaml";
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
        String yaml = Files.readString(root.resolve(FILE), StandardCharsets.UTF_8);
        String block = "\nrouting:\n";
        if (!yaml.contains(block)) {
            throw new IllegalStateException(FILE + ": no top-level routing block");
        }
        yaml = yaml.replace(block, block + routing);
        if (quick) {
            yaml = yaml.replaceFirst("(?m)^horizon: .*$", "horizon: " + QUICK_HORIZON);
        }
        return Files.writeString(dir.resolve(name), yaml, StandardCharsets.UTF_8);
    }
}
