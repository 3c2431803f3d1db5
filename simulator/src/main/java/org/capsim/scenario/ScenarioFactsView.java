package org.capsim.scenario;

import java.util.List;
import java.util.Set;

import org.capsim.model.Site;
import org.capsim.policy.ScenarioFacts;

/** {@link ScenarioFacts} of a scenario, or of one still being read. */
public final class ScenarioFactsView implements ScenarioFacts {

    private final List<String> providers;
    private final Set<String> providersWithSites;

    public ScenarioFactsView(List<String> providers, Set<String> providersWithSites) {
        this.providers = List.copyOf(providers);
        this.providersWithSites = Set.copyOf(providersWithSites);
    }

    public ScenarioFactsView(Scenario scenario) {
        this(List.copyOf(scenario.providers().keySet()),
                scenario.sites().stream().map(Site::provider).collect(java.util.stream.Collectors.toSet()));
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
