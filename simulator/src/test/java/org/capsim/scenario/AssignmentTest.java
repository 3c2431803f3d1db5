package org.capsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.capsim.demand.SizedClass;
import org.capsim.model.Failures;
import org.capsim.model.Scheduling;
import org.capsim.random.Distribution;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --set} assignments applied to a scenario file: what they change and where their problems are reported. */
class AssignmentTest {

    @TempDir
    Path dir;

    /** A small valid scenario; sites[1] is in block style so its lines differ from sites[0]'s. */
    static final String BASE = """
            name: sweep
            start: 2025-01-01
            horizon: 2025-03-01
            seed: 5
            gpu-types: { H100: { peak-tflops: 989, kw-per-gpu: 1.5 } }
            providers: { a: { price-per-gpu-hour: 1 }, b: { price-per-gpu-hour: 2 } }
            sites:
              - { id: x, provider: a, build-out: [ { date: 2025-01-01, gpu-type: H100, gpus: 16 } ] }
              - id: y
                provider: b
                build-out:
                  - { date: 2025-01-01, gpu-type: H100, gpus: 16 }
            demand:
              - { class: w, kind: sized, arrivals-per-hour: 3, gpus: 8, hours: 2 }
            routing: { policy: rofr, rofr: { holder: a, max-start-delay-days: 0.1 } }
            """;

    /** {@code path=value} as one assignment (the value is everything after the first '='). */
    static Assignment set(String assignment) {
        int equals = assignment.indexOf('=');
        return new Assignment(assignment.substring(0, equals), assignment.substring(equals + 1));
    }

    static Scenario load(Path dir, String yaml, List<Assignment> assignments) throws ScenarioException {
        Path file = TestScenarios.write(dir, "scenario.yaml", yaml);
        return ScenarioLoader.load(file, "scenario.yaml",
                new ScenarioLoader.Options(TestScenarios.registry(), null).withAssignments(assignments));
    }

    private Scenario load(String yaml, String... assignments) {
        try {
            return load(dir, yaml, Arrays.stream(assignments).map(AssignmentTest::set).toList());
        } catch (ScenarioException e) {
            throw new AssertionError("should load:\n" + e.getMessage(), e);
        }
    }

    private List<Problem> problems(String yaml, String... assignments) {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> load(dir, yaml, Arrays.stream(assignments).map(AssignmentTest::set).toList()));
        return e.problems();
    }

    private List<String> lines(String yaml, String... assignments) {
        return problems(yaml, assignments).stream().map(Problem::toString).toList();
    }

    private static Object rofrSetting(Scenario s, String key) {
        return s.routing().block("rofr").values().get(key).value();
    }

    @Test
    void labelIsTheOptionAsTyped() {
        assertEquals("--set routing.rofr.max-start-delay-days=7", set("routing.rofr.max-start-delay-days=7").label());
    }

    @Test
    void existingScalarsTakeTheSetValues() {
        Scenario s = load(BASE, "routing.rofr.max-start-delay-days=7", "sites[1].build-out[0].gpus=64",
                "start=2025-01-02", "scheduling=easy-backfill", "seed=7");
        assertEquals(7L, rofrSetting(s, "max-start-delay-days"));
        assertEquals(64, s.sites().get(1).buildOut().get(0).gpus());
        assertEquals(16, s.sites().get(0).buildOut().get(0).gpus(), "only the named site changes");
        assertEquals(LocalDate.of(2025, 1, 2), s.calendar().start());
        assertEquals(Scheduling.EASY_BACKFILL, s.scheduling());
        assertEquals(7, s.seed());
        assertEquals(0.1, rofrSetting(load(BASE), "max-start-delay-days"), "the file itself is unchanged");
    }

    @Test
    void missingBlocksAreCreated() {
        Scenario s = load(BASE, "failures.gpu-mtbf-hours=50000", "failures.checkpoint-hours=3");
        assertEquals(new Failures(50000, 3, 0), s.failures());

        String noRouting = BASE.substring(0, BASE.indexOf("routing:"));
        Scenario r = load(noRouting, "routing.policy=rofr", "routing.rofr.holder=b", "routing.rofr.max-start-delay-days=14");
        assertEquals("rofr", r.routing().policy());
        assertEquals("b", rofrSetting(r, "holder"));
        assertEquals(14L, rofrSetting(r, "max-start-delay-days"));
    }

    @Test
    void scalarsBecomeDistributionsAndLists() {
        Scenario s = load(BASE, "demand[0].hours={lognormal: {median: 5, sigma: 1}}",
                "demand[0].gpus={choice: {1: 0.5, 8: 0.5}}", "routing.phases=[{from: 2025-02-01, policy: earliest-start}]");
        SizedClass w = (SizedClass) s.demand().get(0);
        assertEquals(new Distribution.LogNormal(5, 1), w.hours());
        assertTrue(w.gpus() instanceof Distribution.Choice, w.gpus().toString());
        assertEquals(List.of("rofr", "earliest-start"), s.routing().policiesInOrder());
    }

    @Test
    void aValueSharedThroughAnAliasChangesOnlyWhereThePathPoints() {
        String aliased = BASE.replace("build-out: [ { date", "build-out: [ &t { date")
                .replace("  - { date: 2025-01-01, gpu-type: H100, gpus: 16 }", "  - *t");
        assertTrue(aliased.contains("*t"), aliased);
        Scenario s = load(aliased, "sites[1].build-out[0].gpus=64");
        assertEquals(16, s.sites().get(0).buildOut().get(0).gpus());
        assertEquals(64, s.sites().get(1).buildOut().get(0).gpus());
    }

    @Test
    void unknownKeysAreLocatedAtTheAssignment() {
        List<String> p = lines(BASE, "routing.rofr.max-start-dlay-days=7", "warmup-day=3");
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.stream().anyMatch(line -> line.startsWith(
                "--set warmup-day=3: warmup-day: unknown key; did you mean 'warmup-days'?")), p.toString());
        assertTrue(p.stream().anyMatch(line -> line.startsWith(
                "--set routing.rofr.max-start-dlay-days=7: routing.rofr.max-start-dlay-days: unknown key for the rofr policy")),
                p.toString());
    }

    @Test
    void aValueThatBreaksARuleIsLocatedAtTheAssignmentWithItsPath() {
        List<Problem> p = problems(BASE, "sites[1].build-out[0].gpus=-5");
        assertEquals(1, p.size(), p.toString());
        Problem problem = p.get(0);
        assertEquals(new Location("--set sites[1].build-out[0].gpus=-5", 0, 0), problem.at());
        assertEquals("sites[1].build-out[0].gpus", problem.path());
        assertEquals("--set sites[1].build-out[0].gpus=-5: sites[1].build-out[0].gpus: must be at least 0, got -5",
                problem.toString());
    }

    @Test
    void aReplacedMappingMissingAKeyIsReportedAtTheAssignment() {
        assertEquals(List.of("--set failures={gpu-mtbf-hours: 100}: failures: missing required key 'checkpoint-hours'"),
                lines(BASE, "failures={gpu-mtbf-hours: 100}"));
    }

    @Test
    void pathsThatLeadNowhereAreProblems() {
        assertEquals(List.of("--set sites[9].id=z: sites[9]: no such item: sites has 2 items (indices 0 to 1)"),
                lines(BASE, "sites[9].id=z"));
        assertEquals(List.of("--set name.x=1: name: expected a mapping to look up 'x' in, got the text 'sweep'"),
                lines(BASE, "name.x=1"));
        assertEquals(List.of("--set routing[0]=1: routing: expected a list to take item [0] of, got a mapping"),
                lines(BASE, "routing[0]=1"));
        assertEquals(List.of("--set sites.id=z: sites: expected a mapping to look up 'id' in, got a list"),
                lines(BASE, "sites.id=z"));
        assertEquals(List.of("--set routing.phases[0].from=2025-02-01: routing.phases: not given in the scenario, "
                + "so it has no item [0]; set the whole list instead, e.g. --set routing.phases=[...]"),
                lines(BASE, "routing.phases[0].from=2025-02-01"));
        assertEquals(List.of("--set sites..id=z: 'sites..id' is not a key path; " + KeyPath.RULE),
                lines(BASE, "sites..id=z"));
    }

    @Test
    void yamlErrorsInTheValueAreLocatedAtTheAssignment() {
        List<Problem> p = problems(BASE, "demand[0].hours={lognormal: {median: 5", "seed=", "demand[0].gpus={lognormal: {median: 5, median: 6, sigma: 1}}");
        assertEquals(3, p.size(), p.toString());
        assertEquals("--set demand[0].hours={lognormal: {median: 5: demand[0].hours: YAML syntax error: expected ',' or '}', "
                + "but got <stream end> (while parsing a flow mapping) at character 23 of the value", p.get(0).toString());
        assertEquals("--set seed=: seed: no value after '='", p.get(1).toString());
        assertEquals("--set demand[0].gpus={lognormal: {median: 5, median: 6, sigma: 1}}: "
                + "demand[0].gpus.lognormal.median: duplicate key",
                p.get(2).toString());
    }

    @Test
    void aDeeplyNestedValueIsAProblemNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        List<Problem> p = problems(BASE, "seed=" + deep);
        assertEquals(List.of("seed: the value is nested more than 64 levels deep"),
                p.stream().map(problem -> problem.path() + ": " + problem.message()).toList());
    }

    @Test
    void problemsOfTheFileAndOfTheAssignmentsComeTogether() {
        String bad = BASE.replace("arrivals-per-hour: 3", "arrivals-per-hour: -3");
        List<String> p = lines(bad, "sites[0].build-out[0].gpus=-1");
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.contains("--set sites[0].build-out[0].gpus=-1: sites[0].build-out[0].gpus: must be at least 0, got -1"),
                p.toString());
        assertTrue(p.stream().anyMatch(line -> line.matches("scenario\\.yaml:\\d+:\\d+: demand\\[0\\]\\.arrivals-per-hour: .*")),
                p.toString());
    }
}
