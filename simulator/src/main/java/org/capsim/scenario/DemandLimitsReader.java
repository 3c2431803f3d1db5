package org.capsim.scenario;

import java.util.List;

import org.capsim.demand.Budget;
import org.capsim.demand.DemandLimits;
import org.capsim.model.Calendar;
import org.capsim.random.Distribution;
import org.capsim.scenario.YamlReader.Mapping;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the keys of a demand class that bound its demand (SPEC 6.1): {@code patience-days} and
 * {@code budget-usd-per-year} of training classes, {@code elastic} of scaling-law classes; and
 * reports them on classes of a kind that does not take them.
 */
final class DemandLimitsReader {

    static final String PATIENCE = "patience-days";
    static final String BUDGET = "budget-usd-per-year";
    static final String ELASTIC = "elastic";
    /** A patience beyond a century is no limit worth simulating. */
    static final double MAX_PATIENCE_DAYS = 36_525;
    /** The largest yearly budget, as for a commitment's spend. */
    static final double MAX_BUDGET_USD = 1e15;
    private static final DistributionReader.Bounds PATIENCE_BOUNDS = new DistributionReader.Bounds(0, true, MAX_PATIENCE_DAYS);

    private final ScenarioInput input;
    private final YamlReader yaml;
    private final Calendar calendar;

    /** @param calendar the simulated period, or null when it could not be read */
    DemandLimitsReader(ScenarioInput input, Calendar calendar) {
        this.input = input;
        this.yaml = input.yaml();
        this.calendar = calendar;
    }

    /** A training class's patience and budget ({@link DemandLimits#NONE} without either), or null after reporting problems. */
    DemandLimits limits(Mapping c) {
        Node patienceNode = c.get(PATIENCE);
        Distribution patience = patienceNode == null ? null
                : input.distributions().read(patienceNode, c.path(PATIENCE), PATIENCE_BOUNDS);
        Node budgetNode = c.get(BUDGET);
        Budget budget = budgetNode == null ? null : budget(budgetNode, c.path(BUDGET));
        if ((patienceNode != null && patience == null) || (budgetNode != null && budget == null)) {
            return null;
        }
        return patience == null && budget == null ? DemandLimits.NONE : new DemandLimits(patience, budget);
    }

    /** The smallest share of its full size a scaling-law job may run at: 1 when not elastic; null after reporting problems. */
    Double minFraction(Mapping c) {
        Node node = c.get(ELASTIC);
        if (node == null) {
            return 1.0;
        }
        Mapping elastic = yaml.mapping(node, c.path(ELASTIC));
        if (elastic == null) {
            return null;
        }
        Double fraction = input.required(elastic, "min-fraction", n -> input.positive(n, elastic.path("min-fraction"), 1));
        elastic.rejectUnknownKeys();
        return fraction;
    }

    /** Reports each of these keys that a class of {@code kind} does not take (inference: none; sized and trace: no elastic). */
    void rejectMisplaced(Mapping c, String kind) {
        if (kind.equals("inference")) {
            misplaced(c, PATIENCE, "an inference class has no jobs to wait; patience-days applies to scaling-law, sized"
                    + " and trace classes");
            misplaced(c, BUDGET, "an inference class books no spend for jobs; budget-usd-per-year applies to"
                    + " scaling-law, sized and trace classes");
        }
        if (!kind.equals("scaling-law")) {
            misplaced(c, ELASTIC, "only a scaling-law class can shrink its runs; this class is " + kind);
        }
    }

    private void misplaced(Mapping c, String key, String message) {
        if (c.has(key)) {
            c.get(key); // reported here, not again as an unknown key
            yaml.problem(c.keyNode(key), c.path(key), message);
        }
    }

    private Budget budget(Node node, String path) {
        List<Node> items = DatedSteps.items(input, node, path, "- { date: 2025-01-01, usd: 3.0e+9 }");
        if (items == null) {
            return null;
        }
        List<DatedSteps.Step<Double>> steps = DatedSteps.read(input, items, path, "usd",
                (n, p) -> yaml.number(n, p, 0, MAX_BUDGET_USD));
        if (steps == null || calendar == null) {
            return null;
        }
        return new Budget(DatedSteps.fromHours(steps, calendar), DatedSteps.values(steps));
    }
}
