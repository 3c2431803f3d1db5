package org.capsim.scenario;

import org.capsim.model.Failures;
import org.capsim.scenario.YamlReader.Mapping;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads {@code failures} (SPEC section 3): GPU failures and checkpointing, optional. */
final class FailuresReader {

    private final ScenarioInput input;
    private final YamlReader yaml;

    FailuresReader(ScenarioInput input) {
        this.input = input;
        this.yaml = input.yaml();
    }

    /** The failure model, or null when the section is absent (jobs never fail) or had a problem. */
    Failures read(Mapping root) {
        Node node = root.get("failures");
        if (node == null) {
            return null;
        }
        Mapping f = yaml.mapping(node, "failures");
        if (f == null) {
            return null;
        }
        Double mtbf = input.required(f, "gpu-mtbf-hours", n -> input.positive(n, f.path("gpu-mtbf-hours"), 1e12));
        Double checkpoint = input.required(f, "checkpoint-hours", n -> input.positive(n, f.path("checkpoint-hours"), 1e6));
        Double restart = input.optional(f, "restart-hours", 0.0, n -> yaml.number(n, f.path("restart-hours"), 0, 1e6));
        f.rejectUnknownKeys();
        if (mtbf == null || checkpoint == null || restart == null) {
            return null;
        }
        return new Failures(mtbf, checkpoint, restart);
    }
}
