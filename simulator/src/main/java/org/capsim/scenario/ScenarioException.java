package org.capsim.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario (or a file it names) has problems; carries every one of them. */
public final class ScenarioException extends Exception {

    private final List<Problem> problems;

    public ScenarioException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
