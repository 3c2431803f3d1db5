package org.capsim.experiment;

import java.io.File;
import java.io.Serializable;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.capsim.policy.PolicyLookupException;
import org.capsim.policy.PolicyRegistry;
import org.capsim.scenario.Assignment;
import org.capsim.scenario.Scenario;
import org.capsim.scenario.ScenarioException;
import org.capsim.scenario.ScenarioLoader;
import org.capsim.scenario.Sweep;

/**
 * What the command line asked for, so that another JVM (a cluster's executor) can make a study's
 * points again, the same as the command line did: the scenario file, the policies, the
 * {@code --set} values, {@code --classpath} and the replication options (each null for the
 * scenario's own). The command line has checked it all before anything runs.
 */
public record StudyRecipe(String scenarioFile, List<String> policies, List<String> set, String classpath,
        Integer replications, Long seed, Integer threads, Double sampleHours) implements Serializable {

    private static final long serialVersionUID = 1L;

    public StudyRecipe {
        policies = List.copyOf(policies);
        set = List.copyOf(set);
    }

    /** Point {@code number} (from 1) of the study, loaded and checked again. */
    public SweepPoint point(int number) {
        try {
            PolicyRegistry registry = registry();
            List<Assignment> assignments = Sweep.parse(set).points().get(number - 1);
            Scenario scenario = ScenarioLoader.load(Path.of(scenarioFile), scenarioFile,
                    new ScenarioLoader.Options(registry, policies, assignments));
            return SweepPoint.of(number, assignments, scenario, registry, policies,
                    new SweepPoint.Asked(replications, seed, threads, sampleHours));
        } catch (ScenarioException e) {
            throw new IllegalStateException(scenarioFile + ": the scenario no longer loads here: "
                    + e.problems().get(0), e);
        } catch (PolicyLookupException | MalformedURLException e) {
            throw new IllegalStateException("--classpath: " + e.getMessage(), e);
        }
    }

    private PolicyRegistry registry() throws MalformedURLException, PolicyLookupException {
        ClassLoader parent = StudyRecipe.class.getClassLoader();
        if (classpath == null || classpath.isBlank()) {
            return PolicyRegistry.load(parent);
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
            }
        }
        return PolicyRegistry.load(new URLClassLoader("capsim-policies", urls.toArray(URL[]::new), parent));
    }
}
