package org.capsim.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario (or a file it names) has problems; carries every one of them. */
public final class ScenarioException extends Exception {

    private final List<Problem> problems;

    public ScenarioException(List<Problem> problems) {
        this(inLineOrder(problems), true);
    }

    private ScenarioException(List<Problem> sorted, boolean inOrder) {
        super(sorted.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = sorted;
    }

    /**
     * Each file's problems by line, then column (found in the order the checks run, which is not
     * the file's); the files in the order first named; otherwise as found (a stable sort).
     */
    static List<Problem> inLineOrder(List<Problem> problems) {
        java.util.Map<String, Integer> files = new java.util.HashMap<>();
        problems.forEach(p -> files.putIfAbsent(p.at().file(), files.size()));
        return problems.stream().sorted(java.util.Comparator.<Problem>comparingInt(p -> files.get(p.at().file()))
                .thenComparingInt(p -> p.at().line()).thenComparingInt(p -> p.at().column())).toList();
    }

    public List<Problem> problems() {
        return problems;
    }
}
