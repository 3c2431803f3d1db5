package org.capsim.scenario;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.capsim.model.Calendar;
import org.capsim.model.GpuType;
import org.capsim.model.PowerStep;
import org.capsim.model.SitePower;
import org.capsim.model.StepCurve;
import org.capsim.model.Tranche;
import org.capsim.scenario.YamlReader.Mapping;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a site's power (SPEC 6.2): its {@code power} steps of energized MW, its
 * {@code electricity-usd-per-mwh} and its {@code grid-gco2-per-kwh}, each of the last two a
 * number or a step curve; and checks them against the site's build-out.
 */
final class SitePowerReader {

    static final String POWER = "power";
    static final String PRICE = "electricity-usd-per-mwh";
    static final String INTENSITY = "grid-gco2-per-kwh";
    /** The largest energized level of a site, as for a tranche's megawatts. */
    static final double MAX_MEGAWATTS = 1e6;
    /** Far above any wholesale price cap (ERCOT's is 5,000 $/MWh): a larger one is a typo. */
    static final double MAX_USD_PER_MWH = 1e6;
    /** Ten times coal's intensity: a larger one is a typo. */
    static final double MAX_GCO2_PER_KWH = 1e4;

    private final ScenarioInput input;
    private final YamlReader yaml;
    private final Calendar calendar;

    /** @param calendar the simulated period, or null when it could not be read */
    SitePowerReader(ScenarioInput input, Calendar calendar) {
        this.input = input;
        this.yaml = input.yaml();
        this.calendar = calendar;
    }

    /** The site's power ({@link SitePower#UNLIMITED} without any of its keys), or null after reporting problems. */
    SitePower read(Mapping site) {
        Node powerNode = site.get(POWER);
        Node priceNode = site.get(PRICE);
        Node intensityNode = site.get(INTENSITY);
        if (powerNode == null && priceNode == null && intensityNode == null) {
            return SitePower.UNLIMITED;
        }
        List<PowerStep> steps = powerNode == null ? List.of() : steps(powerNode, site.path(POWER));
        StepCurve price = priceNode == null ? null : curve(priceNode, site.path(PRICE), "usd-per-mwh", MAX_USD_PER_MWH);
        StepCurve intensity = intensityNode == null ? null
                : curve(intensityNode, site.path(INTENSITY), "gco2-per-kwh", MAX_GCO2_PER_KWH);
        if (steps == null || (priceNode != null && price == null) || (intensityNode != null && intensity == null)) {
            return null;
        }
        return new SitePower(steps, price, intensity);
    }

    /**
     * On a site capped by power: each GPU type of its build-out needs its draw ({@code kw-per-gpu});
     * GPUs installed before the first power step wait for it, which is noted once.
     *
     * @param tranches the site's build-out in date order
     */
    void check(Mapping site, SitePower power, List<Tranche> tranches, Map<String, GpuType> types) {
        if (power == null || !power.capped() || tranches == null) {
            return;
        }
        Set<String> used = new LinkedHashSet<>();
        tranches.forEach(t -> used.add(t.gpuType()));
        for (String typeName : used) {
            GpuType type = types.get(typeName);
            if (type != null && Double.isNaN(type.kwPerGpu())) {
                yaml.problem(site.keyNode(POWER), site.path(POWER), "GPU type '" + typeName + "' has no kw-per-gpu,"
                        + " needed to know how many of its GPUs the site's power feeds; give it in gpu-types." + typeName);
            }
        }
        LocalDate first = power.steps().get(0).date();
        if (calendar == null || !first.isAfter(calendar.start())) {
            return; // the first step is energized at the start, with the GPUs already installed
        }
        long waiting = 0;
        for (Tranche t : tranches) {
            if (t.date().isBefore(first)) {
                waiting += t.delta();
            }
        }
        if (waiting > 0) {
            input.note(site.path(POWER) + ": " + waiting + " GPUs installed before the first power step (" + first
                    + ") are stranded until it comes");
        }
    }

    private List<PowerStep> steps(Node node, String path) {
        List<Node> items = DatedSteps.items(input, node, path, "- { date: 2025-06-01, megawatts: 200 }");
        if (items == null) {
            return null;
        }
        List<DatedSteps.Step<Level>> read = DatedSteps.read(input, items, path, step -> {
            Double megawatts = input.required(step, "megawatts", n -> yaml.number(n, step.path("megawatts"), 0, MAX_MEGAWATTS));
            DeliveryRisk risk = DeliveryRisk.read(input, step);
            return megawatts == null || risk == null ? null : new Level(megawatts, risk);
        });
        if (read == null) {
            return null;
        }
        return read.stream().map(step -> new PowerStep(step.date(), step.value().megawatts(),
                step.value().risk().delayDays(), step.value().risk().cancelProbability())).toList();
    }

    /** A power step as read, its date aside. */
    private record Level(double megawatts, DeliveryRisk risk) {
    }

    /** A number (the same all along) or a list of {@code { date, valueKey }} steps, each in [0, max]. */
    private StepCurve curve(Node node, String path, String valueKey, double max) {
        if (node instanceof ScalarNode) {
            Double value = yaml.number(node, path, 0, max);
            return value == null ? null : StepCurve.constant(value);
        }
        if (!(node instanceof SequenceNode)) {
            yaml.problem(node, path, "expected a number or a list of steps, e.g. - { date: 2025-01-01, " + valueKey
                    + ": 30 }; got " + YamlReader.describe(node));
            return null;
        }
        List<Node> items = DatedSteps.items(input, node, path, "- { date: 2025-01-01, " + valueKey + ": 30 }");
        if (items == null) {
            return null;
        }
        List<DatedSteps.Step<Double>> steps = DatedSteps.read(input, items, path, valueKey, (n, p) -> yaml.number(n, p, 0, max));
        if (steps == null || calendar == null) {
            return null;
        }
        return new StepCurve(DatedSteps.fromHours(steps, calendar), DatedSteps.values(steps));
    }
}
