package org.capsim.policy;

import java.time.LocalDate;
import java.util.List;

/** What a policy may know about the scenario while it reads its settings. */
public interface ScenarioFacts {

    /** Provider ids in scenario order. */
    List<String> providers();

    /** The scenario's start date (null while validating a file whose start could not be read). */
    LocalDate start();

    /** Whether the provider has at least one site. */
    boolean hasSites(String providerId);
}
