package org.capsim.scenario;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.capsim.model.Calendar;
import org.capsim.scenario.YamlReader.Mapping;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a step curve: a list of {@code { date, VALUE }} steps in strictly increasing date order
 * (an inference class's reserved GPUs, a class's budget per year, a site's power and its price and
 * carbon intensity).
 */
final class DatedSteps {

    /** One step: from {@code date} on, {@code value} holds. */
    record Step<T>(LocalDate date, T value) {
    }

    private DatedSteps() {
    }

    /** When each step begins, in clock hours. */
    static double[] fromHours(List<? extends Step<?>> steps, Calendar calendar) {
        return steps.stream().mapToDouble(step -> calendar.hoursAt(step.date())).toArray();
    }

    /** Each step's value. */
    static double[] values(List<Step<Double>> steps) {
        return steps.stream().mapToDouble(Step::value).toArray();
    }

    /** The items of a step curve's list, or null after reporting it is not a list or is empty. */
    static List<Node> items(ScenarioInput input, Node node, String path, String example) {
        List<Node> items = input.yaml().sequence(node, path);
        if (items != null && items.isEmpty()) {
            input.yaml().problem(node, path, "give at least one step, e.g. " + example);
            return null;
        }
        return items;
    }

    /**
     * The steps of {@code items}, or null after reporting every problem of every step.
     *
     * @param path     the list's key path
     * @param valueKey the key of each step's value
     * @param value    reads a value at its key path, or returns null after reporting it
     */
    static <T> List<Step<T>> read(ScenarioInput input, List<Node> items, String path, String valueKey,
            BiFunction<Node, String, T> value) {
        return read(input, items, path, step -> input.required(step, valueKey, n -> value.apply(n, step.path(valueKey))));
    }

    /**
     * The steps of {@code items} whose value spans several keys of the step, or null after
     * reporting every problem of every step; keys {@code value} does not read are reported.
     *
     * @param value reads a step's value from its mapping (its date aside), or returns null after reporting it
     */
    static <T> List<Step<T>> read(ScenarioInput input, List<Node> items, String path, Function<Mapping, T> value) {
        YamlReader yaml = input.yaml();
        List<Step<T>> steps = new ArrayList<>();
        boolean complete = true;
        LocalDate previous = null;
        for (int i = 0; i < items.size(); i++) {
            Mapping step = yaml.mapping(items.get(i), YamlReader.index(path, i));
            if (step == null) {
                complete = false;
                continue;
            }
            LocalDate date = input.required(step, "date", n -> yaml.date(n, step.path("date")));
            T v = value.apply(step);
            step.rejectUnknownKeys();
            if (date != null && previous != null && !date.isAfter(previous)) {
                yaml.problem(step.get("date"), step.path("date"), "steps out of date order: " + date + " is not after "
                        + previous);
                complete = false;
            }
            previous = date == null ? previous : date; // each date is checked against the one given before it
            if (date == null || v == null) {
                complete = false;
                continue;
            }
            steps.add(new Step<>(date, v));
        }
        return complete ? steps : null;
    }
}
