package org.capsim.policy;

import java.util.List;

/** What a policy may know about the scenario while it reads its settings. */
public interface ScenarioFacts {

    /** Provider ids in scenario order. */
    List<String> providers();

    /** Whether the provider has at least one site. */
    boolean hasSites(String providerId);
}
