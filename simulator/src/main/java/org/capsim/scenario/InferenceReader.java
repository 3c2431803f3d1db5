package org.capsim.scenario;

import java.time.LocalDate;
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
        List<InferenceClass.Step> steps = new ArrayList<>();
        boolean complete = items != null;
        LocalDate previous = null;
        for (int i = 0; items != null && i < items.size(); i++) {
            String path = YamlReader.index(c.path("reserve-gpus"), i);
            Mapping step = yaml.mapping(items.get(i), path);
            if (step == null) {
                complete = false;
                continue;
            }
            LocalDate date = input.required(step, "date", n -> yaml.date(n, step.path("date")));
            Long gpus = input.required(step, "gpus", n -> yaml.integer(n, step.path("gpus"), 0, ScenarioInput.MAX_POOL_GPUS));
            step.rejectUnknownKeys();
            if (date != null && previous != null && !date.isAfter(previous)) {
                yaml.problem(step.get("date"), step.path("date"), "dates must increase: " + date + " is not after " + previous);
                complete = false;
            }
            if (date == null || gpus == null) {
                complete = false;
                continue;
            }
            previous = date;
            if (calendar != null) {
                steps.add(new InferenceClass.Step(calendar.hoursAt(date), gpus));
            }
        }
        if (name == null || provider == null || !complete || calendar == null) {
            return null;
        }
        return new InferenceClass(name, provider, steps);
    }
}
