package org.capsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malformed-input corpus under src/test/resources/corpus (its README says the format): each
 * scenario and trace there, with the exit status, the line and the message fragments its
 * .expect file says, through both {@code validate} and {@code run}; a bad input writes nothing.
 */
class CorpusFilesTest {

    @TempDir
    Path dir;

    /** One corpus file and what it must produce. */
    record Case(String kind, Path file, int exit, Integer line, List<String> fragments) {
        @Override
        public String toString() {
            return kind + "/" + file.getFileName();
        }

        /** For a trace: the name its scenario gives it, {@code trace.} and the case's extension. */
        String traceName() {
            String name = file.getFileName().toString();
            return "trace" + name.substring(name.lastIndexOf('.'));
        }
    }

    /** A trace format's cases, each in a folder of traces/ with its own scenario.yaml: extension by folder. */
    private static final Map<String, String> FORMATS = Map.of("swf", ".swf", "slurm", ".sacct", "helios", ".csv",
            "acme", ".csv", "philly", ".json");

    static Path corpus() {
        try {
            return Path.of(CorpusFilesTest.class.getResource("/corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Case> cases(String kind, String extension) throws IOException {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus().resolve(kind))) {
            for (Path file : files.filter(f -> f.toString().endsWith(extension)).sorted().toList()) {
                String name = file.getFileName().toString();
                Path expect = file.resolveSibling(name.substring(0, name.length() - extension.length()) + ".expect");
                if (!Files.exists(expect)) {
                    continue; // traces/scenario.yaml is the traces' scenario, not a case
                }
                int exit = -1;
                Integer line = null;
                List<String> fragments = new ArrayList<>();
                for (String spec : Files.readAllLines(expect, StandardCharsets.UTF_8)) {
                    if (spec.startsWith("exit: ")) {
                        exit = Integer.parseInt(spec.substring(6).trim());
                    } else if (spec.startsWith("line: ")) {
                        line = Integer.parseInt(spec.substring(6).trim());
                    } else if (spec.startsWith("expect: ")) {
                        fragments.add(spec.substring(8));
                    } else if (!spec.isBlank()) {
                        throw new IllegalStateException(expect + ": cannot read '" + spec + "'");
                    }
                }
                cases.add(new Case(kind, file, exit, line, fragments));
            }
        }
        return cases;
    }

    /** Every trace case: CSV ones in traces/, the other formats' in traces/FORMAT/. */
    static List<Case> traces() throws IOException {
        List<Case> traces = new ArrayList<>(cases("traces", ".csv"));
        for (String format : FORMATS.keySet().stream().sorted().toList()) {
            traces.addAll(cases("traces/" + format, FORMATS.get(format)));
        }
        return traces;
    }

    static Stream<Case> all() throws IOException {
        return Stream.concat(cases("scenarios", ".yaml").stream(), traces().stream());
    }

    /**
     * The corpus cannot shrink unnoticed: at least 60 scenarios and 15 traces, most of them bad,
     * and 15 bad traces in the formats other than CSV (SPEC 6.5).
     */
    @Test
    void corpusHoldsEnoughCases() throws IOException {
        List<Case> scenarios = cases("scenarios", ".yaml");
        List<Case> traces = traces();
        System.out.printf("corpus: %d scenario files (%d bad), %d trace files (%d bad)%n", scenarios.size(),
                scenarios.stream().filter(c -> c.exit() == 2).count(), traces.size(),
                traces.stream().filter(c -> c.exit() == 2).count());
        assertTrue(scenarios.stream().filter(c -> c.exit() == 2).count() >= 60, "bad scenarios: " + scenarios.size());
        assertTrue(traces.stream().filter(c -> c.exit() == 2).count() >= 15, "bad traces: " + traces.size());
        assertTrue(traces.stream().filter(c -> c.exit() == 2 && !c.kind().equals("traces")).count() >= 15,
                "bad traces in formats other than CSV");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void eachInputGetsItsAnswer(Case c) throws IOException {
        Path scenario;
        String located;
        if (c.kind().equals("scenarios")) {
            scenario = Files.copy(c.file(), dir.resolve(c.file().getFileName()));
            located = scenario.getFileName().toString();
        } else {
            scenario = Files.copy(c.file().resolveSibling("scenario.yaml"), dir.resolve("scenario.yaml"));
            located = c.traceName();
            Files.copy(c.file(), dir.resolve(located));
        }
        Cli validate = Cli.run("validate", scenario.toString());
        check(c, validate, located);
        Path out = dir.resolve("report");
        // not --quiet: a valid case's notes (e.g. a trace replayed in submit order) must show in run too
        Cli run = Cli.run("run", scenario.toString(), "--out", out.toString(), "--replications", "1", "--no-charts");
        check(c, run, located);
        if (c.exit() != 0) {
            try (Stream<Path> left = Files.list(dir)) {
                List<String> names = left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".report")
                        || n.equals("report")).toList();
                assertEquals(List.of(), names, "a bad input writes nothing");
            }
        }
    }

    private static void check(Case c, Cli cli, String located) {
        assertEquals(c.exit(), cli.exit(), cli.all());
        assertTrue(cli.clean(), "no stack trace:\n" + cli.all());
        for (String fragment : c.fragments()) {
            assertTrue(cli.all().contains(fragment), "expected '" + fragment + "' in:\n" + cli.all());
        }
        if (c.line() != null) {
            String first = cli.err().lines().findFirst().orElse("");
            assertTrue(first.contains(located + ":" + c.line() + ":"), "expected the first message at " + located + ":"
                    + c.line() + ", got:\n" + cli.err());
        }
    }
}
