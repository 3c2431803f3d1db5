package org.capsim.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.capsim.demand.Budget;
import org.capsim.demand.DemandLimits;
import org.capsim.demand.ScalingLawClass;
import org.capsim.demand.SizedClass;
import org.capsim.demand.TraceClass;
import org.capsim.demand.WorkloadClass;
import org.capsim.random.Distribution;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading SPEC 6.1's patience-days, budget-usd-per-year and elastic keys into the demand model, and their located errors. */
class DemandLimitsReaderTest {

    @TempDir
    Path dir;

    /** Lines 11 to 27 are the classes; the trace class's file is written by each test that loads it. */
    private static final String BASE = """
            name: limits
            start: 2025-01-21
            horizon: 2026-01-20
            gpu-types:
              H100: { peak-tflops: 989, kw-per-gpu: 1.5 }
            providers:
              lab: { price-per-gpu-hour: 2 }
            sites:
              - { id: s, provider: lab, build-out: [ { date: 2025-01-01, gpu-type: H100, gpus: 1000 } ] }
            demand:
              - class: frontier
                kind: scaling-law
                arrivals-per-year: 4
                median-flops: 5.0e23
                mfu: 0.4
                target-days: 30
              - class: research
                kind: sized
                arrivals-per-day: 4
                gpus: 8
                hours: 2
              - class: replay
                kind: trace
                file: t.csv
              - class: api
                kind: inference
                provider: lab
                reserve-gpus: [ { date: 2025-01-21, gpus: 10 } ]
            """;

    private static final String TRACE = "submit_time_s,num_gpus,duration_s\n0,4,3600\n60,2,7200\n";

    /** BASE with {@code lines} added to the class named {@code name} (after its kind). */
    private static String with(String name, String lines) {
        String head = "  - class: " + name + "\n";
        int at = BASE.indexOf('\n', BASE.indexOf("kind:", BASE.indexOf(head))) + 1;
        return BASE.substring(0, at) + lines.indent(4) + BASE.substring(at);
    }

    private Scenario load(String yaml) {
        TestScenarios.write(dir, "t.csv", TRACE);
        return TestScenarios.load(dir, yaml);
    }

    private List<String> problems(String yaml) {
        TestScenarios.write(dir, "t.csv", TRACE);
        return TestScenarios.problems(dir, yaml);
    }

    private static WorkloadClass named(Scenario s, String name) {
        return s.demand().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static void assertOnly(List<String> problems, String expected) {
        assertEquals(List.of(expected), problems);
    }

    @Test
    void withoutTheKeysClassesHaveNoLimitsAndRunAtFullSize() {
        Scenario s = load(BASE);
        for (WorkloadClass c : s.demand()) {
            assertSame(DemandLimits.NONE, c.limits(), c.name());
        }
        assertEquals(1.0, ((ScalingLawClass) named(s, "frontier")).minFraction());
    }

    @Test
    void patienceBudgetAndElasticReachTheRecords() {
        String yaml = with("frontier", """
                patience-days: { exponential: { mean: 30 } }
                elastic: { min-fraction: 0.25 }
                budget-usd-per-year:
                  - { date: 2025-01-01, usd: 3.0e+9 }
                  - { date: 2026-01-01, usd: 8.0e+9 }
                """);
        yaml = yaml.replace("    hours: 2\n", "    hours: 2\n    patience-days: 7\n");
        yaml = yaml.replace("    file: t.csv\n", "    file: t.csv\n    patience-days: { lognormal: { median: 2, sigma: 0.5 } }\n"
                + "    budget-usd-per-year: [ { date: 2025-03-01, usd: 0 } ]\n");
        Scenario s = load(yaml);

        ScalingLawClass frontier = (ScalingLawClass) named(s, "frontier");
        assertEquals(0.25, frontier.minFraction());
        assertEquals(new Distribution.Exponential(30), frontier.limits().patienceDays());
        Budget budget = frontier.limits().budget();
        // clock hours from the start 2025-01-21: 20 days before it, and 345 days after it
        assertArrayEquals(new double[] {-20 * 24, 345 * 24}, budget.fromHours());
        assertArrayEquals(new double[] {3.0e9, 8.0e9}, budget.usd());
        assertEquals(3.0e9, budget.limitAt(0));
        assertEquals(8.0e9, budget.limitAt(345 * 24));

        SizedClass research = (SizedClass) named(s, "research");
        assertEquals(new Distribution.Fixed(7), research.limits().patienceDays());
        assertNull(research.limits().budget());

        TraceClass replay = (TraceClass) named(s, "replay");
        assertEquals(new Distribution.LogNormal(2, 0.5), replay.limits().patienceDays());
        assertArrayEquals(new double[] {39 * 24}, replay.limits().budget().fromHours()); // 2025-03-01
        assertEquals(Double.POSITIVE_INFINITY, replay.limits().budget().limitAt(0), "no limit before the first step");
        assertEquals(0, replay.limits().budget().limitAt(39 * 24));
    }

    @Test
    void aBudgetAloneAndAWholeMinFractionAreAccepted() {
        Scenario s = load(with("frontier", """
                elastic: { min-fraction: 1 }
                budget-usd-per-year: [ { date: 2025-01-21, usd: 1.0e+6 } ]
                """));
        ScalingLawClass frontier = (ScalingLawClass) named(s, "frontier");
        assertEquals(1.0, frontier.minFraction());
        assertNull(frontier.limits().patienceDays());
        assertArrayEquals(new double[] {0}, frontier.limits().budget().fromHours());
    }

    @Test
    void patienceMustBePositive() {
        assertOnly(problems(with("research", "patience-days: 0")),
                "bad.yaml:19:20: demand[1].patience-days: must be more than 0, got 0");
        assertOnly(problems(with("research", "patience-days: -3")),
                "bad.yaml:19:20: demand[1].patience-days: must be more than 0, got -3");
        assertOnly(problems(with("research", "patience-days: { uniform: [0, 10] }")),
                "bad.yaml:19:31: demand[1].patience-days.uniform: produces values from 0 to 10; allowed here: more than 0 up to 36525");
        assertOnly(problems(with("frontier", "patience-days: { choice: { 0: 0.5, 30: 0.5 } }")),
                "bad.yaml:13:30: demand[0].patience-days.choice: produces values from 0 to 30; allowed here: more than 0 up to 36525");
        assertOnly(problems(with("replay", "patience-days: { log-uniform: [0, 10] }")),
                "bad.yaml:24:36: demand[2].patience-days.log-uniform[0]: must be more than 0, got 0");
        TestScenarios.write(dir, "waits.csv", "days\n3\n0\n");
        assertOnly(problems(with("research", "patience-days: { empirical: { file: waits.csv, column: days } }")),
                "waits.csv:3: demand[1].patience-days.empirical: column 'days' is '0'; expected a number more than 0 up to 36525");
    }

    @Test
    void budgetStepsAreCheckedEachOne() {
        String steps = """
                budget-usd-per-year:
                  - { date: 2026-01-01, usd: 8.0e+9 }
                  - { date: 2025-01-01, usd: -1 }
                  - { usd: 5 }
                  - { date: 2026-06-01, dollars: 5 }
                  - { date: 2026-06-01, usd: 5 }
                """;
        assertEquals(List.of(
                "bad.yaml:15:17: demand[0].budget-usd-per-year[1].date: steps out of date order: 2025-01-01 is not after 2026-01-01",
                "bad.yaml:15:34: demand[0].budget-usd-per-year[1].usd: must be at least 0, got -1",
                "bad.yaml:16:9: demand[0].budget-usd-per-year[2]: missing required key 'date'",
                "bad.yaml:17:9: demand[0].budget-usd-per-year[3]: missing required key 'usd'",
                "bad.yaml:17:29: demand[0].budget-usd-per-year[3].dollars: unknown key (known keys: date, usd)",
                "bad.yaml:18:17: demand[0].budget-usd-per-year[4].date: steps out of date order: 2026-06-01 is not after 2026-06-01"),
                problems(with("frontier", steps)));
        assertOnly(problems(with("research", "budget-usd-per-year: []")),
                "bad.yaml:19:26: demand[1].budget-usd-per-year: give at least one step, e.g. - { date: 2025-01-01, usd: 3.0e+9 }");
        assertOnly(problems(with("research", "budget-usd-per-year: 3.0e+9")),
                "bad.yaml:19:26: demand[1].budget-usd-per-year: expected a list (lines starting with '- '), got the number 3.0e+9");
    }

    @Test
    void minFractionIsAShareOfTheFullSize() {
        assertOnly(problems(with("frontier", "elastic: { min-fraction: 0 }")),
                "bad.yaml:13:30: demand[0].elastic.min-fraction: must be more than 0, got 0");
        assertOnly(problems(with("frontier", "elastic: { min-fraction: 1.5 }")),
                "bad.yaml:13:30: demand[0].elastic.min-fraction: must be at most 1, got 1.5");
        assertOnly(problems(with("frontier", "elastic: {}")),
                "bad.yaml:13:14: demand[0].elastic: missing required key 'min-fraction'");
        assertOnly(problems(with("frontier", "elastic: 0.5")),
                "bad.yaml:13:14: demand[0].elastic: expected a mapping (key: value lines), got the number 0.5");
        assertHas(problems(with("frontier", "elastic: { min-fraction: 0.5, max-fraction: 1 }")),
                "demand[0].elastic.max-fraction: unknown key; did you mean 'min-fraction'?");
    }

    @Test
    void keysOnAClassOfTheWrongKindAreNamedOnce() {
        String inference = "  - class: api\n    kind: inference\n";
        String yaml = BASE.replace(inference, inference + "    patience-days: 30\n    budget-usd-per-year: [ { date: 2025-01-01, usd: 1 } ]\n"
                + "    elastic: { min-fraction: 0.5 }\n")
                .replace("    hours: 2\n", "    hours: 2\n    elastic: { min-fraction: 0.5 }\n")
                .replace("    file: t.csv\n", "    file: t.csv\n    elastic: { min-fraction: 0.5 }\n");
        assertEquals(List.of(
                "bad.yaml:22:5: demand[1].elastic: only a scaling-law class can shrink its runs; this class is sized",
                "bad.yaml:26:5: demand[2].elastic: only a scaling-law class can shrink its runs; this class is trace",
                "bad.yaml:29:5: demand[3].patience-days: an inference class has no jobs to wait; patience-days applies to"
                        + " scaling-law, sized and trace classes",
                "bad.yaml:30:5: demand[3].budget-usd-per-year: an inference class books no spend for jobs;"
                        + " budget-usd-per-year applies to scaling-law, sized and trace classes",
                "bad.yaml:31:5: demand[3].elastic: only a scaling-law class can shrink its runs; this class is inference"),
                problems(yaml));
    }

    @Test
    void everyProblemOfTheFileInOneRun() {
        String yaml = with("frontier", "elastic: { min-fraction: 2 }\npatience-days: -1\n")
                .replace("    hours: 2\n", "    hours: 2\n    budget-usd-per-year: [ { date: 2025-01-01, usd: -5 } ]\n")
                .replace("    file: t.csv\n", "    file: t.csv\n    patience-days: { uniform: [-1, 3] }\n")
                .replace("mfu: 0.4", "mfu: 4");
        List<String> p = problems(yaml);
        assertEquals(5, p.size(), p.toString());
        assertHas(p, "demand[0].mfu: must be at most 1, got 4");
        assertHas(p, "demand[0].elastic.min-fraction: must be at most 1, got 2");
        assertHas(p, "demand[0].patience-days: must be more than 0, got -1");
        assertHas(p, "demand[1].budget-usd-per-year[0].usd: must be at least 0, got -5");
        assertHas(p, "demand[2].patience-days.uniform: produces values from -1 to 3");
    }

    @Test
    void theKeysCanBeSetFromTheCommandLine() throws ScenarioException {
        TestScenarios.write(dir, "t.csv", TRACE);
        Scenario s = AssignmentTest.load(dir, BASE, List.of(AssignmentTest.set("demand[0].elastic.min-fraction=0.5"),
                AssignmentTest.set("demand[1].patience-days={ exponential: { mean: 10 } }")));
        assertEquals(0.5, ((ScalingLawClass) named(s, "frontier")).minFraction());
        assertEquals(new Distribution.Exponential(10), named(s, "research").limits().patienceDays());
        ScenarioException e = assertThrows(ScenarioException.class, () -> AssignmentTest.load(dir,
                BASE, List.of(AssignmentTest.set("demand[1].elastic.min-fraction=0.5"))));
        assertEquals(List.of("--set demand[1].elastic.min-fraction=0.5: demand[1].elastic: only a scaling-law class can"
                + " shrink its runs; this class is sized"), e.problems().stream().map(Object::toString).toList());
    }

    private static void assertHas(List<String> problems, String fragment) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(fragment)), "no '" + fragment + "' in " + problems);
    }
}
