package org.capsim.scenario;

import org.capsim.random.Distribution;
import org.capsim.scenario.YamlReader.Mapping;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The {@code delay-days} and {@code cancel-probability} of something planned on a date, a
 * build-out tranche or a power step: it may come late or never, drawn once per replication.
 *
 * @param delayDays         days it comes late, or null when it comes on its date
 * @param cancelProbability chance that it never comes
 */
record DeliveryRisk(Distribution delayDays, double cancelProbability) {

    /** Longest delay one may be given (about 100 years). */
    static final double MAX_DELAY_DAYS = 36_525;
    static final String DELAY = "delay-days";
    static final String CANCEL = "cancel-probability";

    /** The risk under {@code m}'s keys (none given: on its date for sure), or null after reporting a problem. */
    static DeliveryRisk read(ScenarioInput input, Mapping m) {
        YamlReader yaml = input.yaml();
        Distribution delay = null;
        Node delayNode = m.get(DELAY);
        if (delayNode != null) {
            delay = input.distributions().read(delayNode, m.path(DELAY),
                    new DistributionReader.Bounds(0, false, MAX_DELAY_DAYS));
        }
        Node cancelNode = m.get(CANCEL);
        Double cancel = cancelNode == null ? Double.valueOf(0) : yaml.number(cancelNode, m.path(CANCEL), 0, 1);
        if ((delayNode != null && delay == null) || cancel == null) {
            return null;
        }
        return new DeliveryRisk(delay, cancel);
    }
}
