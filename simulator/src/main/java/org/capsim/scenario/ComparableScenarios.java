package org.capsim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.capsim.demand.InferenceClass;
import org.capsim.demand.ScalingLawClass;
import org.capsim.demand.SizedClass;
import org.capsim.demand.WorkloadClass;

/**
 * Whether scenarios can be compared as arms on common random numbers ({@code capsim compare A.yaml
 * B.yaml}): a class draws its jobs from streams named after it, so two scenarios' classes of one
 * name draw the same jobs only if they are of one kind; of different kinds the same name would
 * pair unrelated jobs, and the arms are not comparable.
 */
public final class ComparableScenarios {

    private ComparableScenarios() {
    }

    /**
     * @param files each scenario's file, as the user named it
     * @return one message per class whose kind differs between the scenarios; empty when comparable
     */
    public static List<String> problems(List<Scenario> scenarios, List<String> files) {
        Map<String, String> kinds = new LinkedHashMap<>();
        Map<String, String> where = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            for (Map.Entry<String, String> c : kinds(scenarios.get(i)).entrySet()) {
                String first = kinds.putIfAbsent(c.getKey(), c.getValue());
                if (first == null) {
                    where.put(c.getKey(), files.get(i));
                } else if (!first.equals(c.getValue())) {
                    problems.add(files.get(i) + ": demand class '" + c.getKey() + "' is " + c.getValue() + " here but "
                            + first + " in " + where.get(c.getKey()) + ": classes of the same name draw the same random "
                            + "numbers, which for different kinds are unrelated jobs, so the arms are not comparable; "
                            + "rename one of them");
                }
            }
        }
        return problems;
    }

    /** Class name to its kind as the file says it. */
    private static Map<String, String> kinds(Scenario scenario) {
        Map<String, String> out = new LinkedHashMap<>();
        for (WorkloadClass c : scenario.demand()) {
            out.put(c.name(), c instanceof ScalingLawClass ? "scaling-law" : c instanceof SizedClass ? "sized" : "trace");
        }
        for (InferenceClass c : scenario.reservations()) {
            out.put(c.name(), "inference");
        }
        return out;
    }
}
