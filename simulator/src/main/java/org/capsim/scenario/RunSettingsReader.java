package org.capsim.scenario;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.capsim.model.Calendar;
import org.capsim.model.Scheduling;
import org.capsim.scenario.YamlReader.Mapping;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the top-level values of a scenario (SPEC section 3): its name and description, the
 * simulated period, and how it is run (warm-up, seed, replications, sites.csv grid, scheduling).
 */
final class RunSettingsReader {

    /** Longest simulated period, in days (about 100 years). */
    static final long MAX_SIMULATED_DAYS = 100L * 366;

    /**
     * The values as read; a value with a problem is its default, or null where the sections read
     * later must know it is missing.
     *
     * @param name     null when missing or invalid
     * @param calendar null when the start or horizon is missing or invalid
     */
    record RunSettings(String name, String description, Calendar calendar, double warmupHours, long seed,
            int replications, double sampleHours, Scheduling scheduling) {
    }

    private final ScenarioInput input;
    private final YamlReader yaml;

    RunSettingsReader(ScenarioInput input) {
        this.input = input;
        this.yaml = input.yaml();
    }

    RunSettings read(Mapping root) {
        String name = input.required(root, "name", n -> yaml.name(n, "name", ScenarioInput.ID, ScenarioInput.ID_RULE));
        Node descriptionNode = root.get("description");
        String description = descriptionNode == null ? "" : Optional.ofNullable(yaml.text(descriptionNode, "description")).orElse("");
        LocalDate start = input.required(root, "start", n -> yaml.date(n, "start"));
        LocalDate horizon = input.required(root, "horizon", n -> yaml.date(n, "horizon"));
        Calendar calendar = calendar(root, start, horizon);
        double warmupDays = input.optional(root, "warmup-days", 0.0, n -> yaml.number(n, "warmup-days", 0, 1e7));
        if (calendar != null && warmupDays * 24 >= calendar.endHours()) {
            long days = (long) (calendar.endHours() / 24);
            yaml.problem(root.get("warmup-days"), "warmup-days", "the warm-up (" + BlockSettings.plain(warmupDays)
                    + (warmupDays == 1 ? " day" : " days") + ") must end before the horizon (" + days
                    + (days == 1 ? " day" : " days") + " after start)");
        }
        long seed = input.optional(root, "seed", 1L, n -> yaml.integer(n, "seed", Long.MIN_VALUE, Long.MAX_VALUE));
        int replications = input.optional(root, "replications", 10L,
                n -> yaml.integer(n, "replications", 1, ScenarioLoader.MAX_REPLICATIONS)).intValue();
        double sampleHours = input.optional(root, "sample-hours", 0.0, n -> input.positive(n, "sample-hours", 1e6));
        if (calendar != null) {
            ScenarioLoader.sampleGridProblem(calendar.endHours(), sampleHours)
                    .ifPresent(message -> yaml.problem(root.get("sample-hours"), "sample-hours", message));
        }
        Scheduling scheduling = scheduling(root);
        return new RunSettings(name, description, calendar, warmupDays * 24, seed, replications, sampleHours, scheduling);
    }

    private Calendar calendar(Mapping root, LocalDate start, LocalDate horizon) {
        if (start == null || horizon == null) {
            return null;
        }
        if (horizon.isBefore(start)) {
            yaml.problem(root.get("horizon"), "horizon", "the horizon " + horizon + " is before the start " + start);
            return null;
        }
        if (ChronoUnit.DAYS.between(start, horizon) > MAX_SIMULATED_DAYS) {
            yaml.problem(root.get("horizon"), "horizon", "simulates more than 100 years; the horizon may be at most "
                    + start.plusDays(MAX_SIMULATED_DAYS));
            return null;
        }
        return new Calendar(start, horizon);
    }

    private Scheduling scheduling(Mapping root) {
        Node node = root.get("scheduling");
        if (node == null) {
            return Scheduling.FIFO;
        }
        String value = yaml.choice(node, "scheduling", List.of("fifo", "easy-backfill"));
        return "easy-backfill".equals(value) ? Scheduling.EASY_BACKFILL : Scheduling.FIFO;
    }
}
