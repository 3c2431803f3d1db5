package org.capsim.scenario;

import java.util.ArrayList;
import java.util.List;

import org.capsim.demand.InferenceClass;
import org.capsim.model.Calendar;
import org.capsim.scenario.YamlReader.Mapping;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads an inference class of {@code demand} (SPEC section 3): the provider whose sites hold the
 * reservation and its {@code reserve-gpus} steps.
 */
final class InferenceReader {

    private final ScenarioInput input;
    private final YamlReader yaml;
    private final DeclaredNames declared;
    private final Calendar calendar;

    /** @param calendar the simulated period, or null when it could not be read */
    InferenceReader(ScenarioInput input, DeclaredNames declared, Calendar calendar) {
        this.input = input;
        this.yaml = input.yaml();
        this.declared = declared;
        this.calendar = calendar;
    }

    /** An inference class: a provider with sites and a step curve of reserved GPUs in date order. */
    InferenceClass read(Mapping c, String name) {
        String provider = input.required(c, "provider", n -> yaml.text(n, c.path("provider")));
        if (provider != null && !declared.providers().isEmpty()) {
            if (!declared.providers().contains(provider)) {
                yaml.problem(c.get("provider"), c.path("provider"), "unknown provider '" + provider + "'; known: "
                        + String.join(", ", declared.providers()));
                provider = null;
            } else if (!declared.siteProviders().contains(provider)) {
                yaml.problem(c.get("provider"), c.path("provider"), "provider '" + provider
                        + "' has no sites to hold the reservation");
                provider = null;
            }
        }
        List<Node> items = input.requiredList(c, "reserve-gpus", "give at least one step, e.g. - { date: 2025-01-21, gpus: 30000 }");
        if (items != null && items.isEmpty()) {
            items = null;
        }
        List<DatedSteps.Step<Long>> read = items == null ? null : DatedSteps.read(input, items, c.path("reserve-gpus"), "gpus",
                (n, p) -> yaml.integer(n, p, 0, ScenarioInput.MAX_POOL_GPUS));
        if (name == null || provider == null || read == null || calendar == null) {
            return null;
        }
        List<InferenceClass.Step> steps = new ArrayList<>();
        for (DatedSteps.Step<Long> step : read) {
            steps.add(new InferenceClass.Step(calendar.hoursAt(step.date()), step.value()));
        }
        return new InferenceClass(name, provider, steps);
    }
}
