package org.capsim.scenario;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.capsim.model.Site;
import org.capsim.policy.ScenarioFacts;

/** {@link ScenarioFacts} of a scenario, or of one still being read. */
public final class ScenarioFactsView implements ScenarioFacts {

    private final List<String> providers;
    private final Set<String> providersWithSites;
    private final LocalDate start;

    /** @param start the scenario's start date, or null when it could not be read */
    public ScenarioFactsView(List<String> providers, Set<String> providersWithSites, LocalDate start) {
        this.providers = List.copyOf(providers);
        this.providersWithSites = Set.copyOf(providersWithSites);
        this.start = start;
    }

    public ScenarioFactsView(Scenario scenario) {
        this(List.copyOf(scenario.providers().keySet()),
                scenario.sites().stream().map(Site::provider).collect(java.util.stream.Collectors.toSet()),
                scenario.calendar().start());
    }

    @Override
    public LocalDate start() {
        return start;
    }

    @Override
    public List<String> providers() {
        return providers;
    }

    @Override
    public boolean hasSites(String providerId) {
        return providersWithSites.contains(providerId);
    }
}
