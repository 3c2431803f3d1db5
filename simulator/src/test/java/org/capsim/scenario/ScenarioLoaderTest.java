package org.capsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.capsim.demand.ScalingLawClass;
import org.capsim.demand.SizedClass;
import org.capsim.demand.TraceClass;
import org.capsim.model.Site;
import org.capsim.model.Tranche;
import org.capsim.random.Distribution;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading scenarios: conversions, defaults, and located problems. */
class ScenarioLoaderTest {

    @TempDir
    Path dir;

    private static final String BASE = """
            name: base
            start: 2025-01-21
            horizon: 2026-01-20
            gpu-types:
              H100: { peak-tflops: 989, kw-per-gpu: 1.5, capex-usd: 30000 }
              GB200: { peak-tflops: 2500, kw-per-gpu: 2.0, capex-usd: 100000 }
            providers:
              azure: { name: Microsoft Azure, price-per-gpu-hour: { H100: 2.9, GB200: 5.0 } }
              stargate: { price-per-gpu-hour: 4.0 }
            sites:
              - id: azure-us
                provider: azure
                build-out:
                  - { date: 2025-01-01, gpu-type: H100, gpus: 1000 }
                  - { date: 2026-01-01, gpu-type: GB200, megawatts: 300 }
                  - { date: 2025-06-01, gpu-type: H100, retire-gpus: 400 }
              - id: abilene
                provider: stargate
                build-out:
                  - { date: 2025-10-01, gpu-type: GB200, capex-usd: 20.0e9 }
            demand:
              - class: frontier
                kind: scaling-law
                arrivals-per-year: 4
                median-flops: 5.0e25
                flops-growth-per-year: 4.5
                flops-sigma: 0.8
                mfu: 0.40
                target-days: 90
                max-gpus: 200000
                priority: 10
              - class: research
                kind: sized
                arrivals-per-day: 40
                gpus: { choice: { 1: 0.5, 8: 0.3, 64: 0.2 } }
                hours: { lognormal: { median: 6, sigma: 1.5 } }
                reference-gpu: H100
            routing:
              policy: rofr
              rofr: { holder: azure, response-days: 7, max-start-delay-days: 30, fallback: earliest-start }
            """;

    private List<String> problems(String yaml) {
        return TestScenarios.problems(dir, yaml);
    }

    private static void assertHas(List<String> problems, String fragment) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(fragment)), "no '" + fragment + "' in " + problems);
    }

    @Test
    void readsAndConvertsTheSpecExample() {
        Scenario s = TestScenarios.load(dir, BASE);
        assertEquals("base", s.name());
        assertEquals(10, s.replications()); // default
        assertEquals(0, s.warmupHours());
        assertEquals(365 * 24, s.endHours(), 1e-9);
        Site azure = s.sites().get(0);
        // ordered by date; megawatts -> floor(300000 kW / 2.0 kW) GPUs
        assertEquals(List.of(new Tranche(java.time.LocalDate.of(2025, 1, 1), "H100", 1000, false),
                new Tranche(java.time.LocalDate.of(2025, 6, 1), "H100", 400, true),
                new Tranche(java.time.LocalDate.of(2026, 1, 1), "GB200", 150_000, false)), azure.buildOut());
        assertEquals(200_000, s.sites().get(1).buildOut().get(0).gpus()); // $20B / $100k
        assertEquals(List.of("H100", "GB200"), azure.gpuTypes());
        ScalingLawClass frontier = (ScalingLawClass) s.demand().get(0);
        assertEquals(4 / (365.25 * 24), frontier.arrivals().perHour(), 1e-15);
        assertEquals(90 * 24, frontier.targetHours(), 1e-9);
        assertEquals(10, frontier.priority());
        SizedClass research = (SizedClass) s.demand().get(1);
        assertEquals(40 / 24.0, research.arrivals().perHour(), 1e-12);
        assertTrue(research.gpus() instanceof Distribution.Choice);
        assertEquals("H100", research.referenceGpu().name());
        assertEquals(2.9, s.providers().get("azure").pricePerGpuHour("H100"));
        assertEquals(4.0, s.providers().get("stargate").pricePerGpuHour("GB200"));
        assertEquals("rofr", s.routing().policy());
    }

    @Test
    void unknownKeysSuggestTheNearestOne() {
        List<String> p = problems(BASE.replace("median-flops:", "median-flop:"));
        assertHas(p, "demand[0].median-flop: unknown key; did you mean 'median-flops'?");
        assertHas(p, "demand[0]: missing required key 'median-flops'");
    }

    /** Checks run section by section (unknown keys last), but the problems read in the file's order. */
    @Test
    void problemsAreListedInLineOrder() {
        String bad = BASE.replace("name: base", "name: base\nbogus-key: 1").replace("mfu: 0.40", "mfu: 1.5")
                .replace("provider: stargate", "provider: stargat");
        List<String> p = problems(bad);
        assertEquals(3, p.size(), p.toString());
        List<Integer> lines = p.stream().map(text -> Integer.parseInt(text.split(":")[1])).toList();
        assertEquals(lines.stream().sorted().toList(), lines, p.toString());
        assertTrue(p.get(0).contains("bogus-key: unknown key"), p.toString());
    }

    @Test
    void everyProblemOfAFileAtOnce() {
        String bad = BASE.replace("mfu: 0.40", "mfu: 1.5")
                .replace("provider: stargate", "provider: stargat")
                .replace("gpu-type: GB200, megawatts: 300", "gpu-type: B300, megawatts: 300")
                .replace("holder: azure", "holder: aws");
        List<String> p = problems(bad);
        assertEquals(4, p.size(), p.toString());
        assertHas(p, "demand[0].mfu: must be at most 1, got 1.5");
        assertHas(p, "sites[1].provider: unknown provider 'stargat'; known: azure, stargate");
        assertHas(p, "sites[0].build-out[1].gpu-type: unknown GPU type 'B300'; known: H100, GB200");
        assertHas(p, "routing.rofr.holder: unknown provider 'aws'; known: azure, stargate");
    }

    @Test
    void locationsPointAtTheValue() {
        List<String> p = problems(BASE.replace("arrivals-per-day: 40", "arrivals-per-day: -40"));
        assertEquals(List.of("bad.yaml:34:23: demand[1].arrivals-per-day: must be at least 0, got -40"), p);
    }

    @Test
    void retirementBeyondThePlan() {
        assertHas(problems(BASE.replace("retire-gpus: 400", "retire-gpus: 1400")),
                "sites[0].build-out[2].retire-gpus: retires 1400 GPUs but the pool will have only 1000 H100 by 2025-06-01");
    }

    @Test
    void duplicatesAreNamed() {
        assertHas(problems(BASE.replace("id: abilene", "id: azure-us")), "duplicate site id 'azure-us'");
        assertHas(problems(BASE.replace("class: research", "class: frontier")), "duplicate class 'frontier'");
        assertHas(problems(BASE.replace("seed: 1\n", "") + "seed: 1\nseed: 2\n"), "seed: duplicate key (first given at line");
    }

    @Test
    void missingConversionFacts() {
        assertHas(problems(BASE.replace("GB200: { peak-tflops: 2500, kw-per-gpu: 2.0, capex-usd: 100000 }",
                "GB200: { peak-tflops: 2500 }")), "GPU type 'GB200' has no kw-per-gpu, needed to turn megawatts into GPUs");
    }

    @Test
    void priceNeededForEveryTypeAProviderRuns() {
        assertHas(problems(BASE.replace("{ H100: 2.9, GB200: 5.0 }", "{ H100: 2.9 }")),
                "provider 'azure' has no price for GPU type 'GB200'");
    }

    @Test
    void oneTrancheAmount() {
        assertHas(problems(BASE.replace("gpus: 1000 }", "gpus: 1000, megawatts: 3 }")),
                "give only one of gpus, megawatts, capex-usd, retire-gpus (found gpus, megawatts)");
    }

    @Test
    void rofrHolderNeedsSites() {
        String yaml = BASE.replace("  stargate: { price-per-gpu-hour: 4.0 }",
                "  stargate: { price-per-gpu-hour: 4.0 }\n  oracle: { price-per-gpu-hour: 3 }").replace("holder: azure", "holder: oracle");
        assertHas(problems(yaml), "routing.rofr.holder: the ROFR holder 'oracle' has no sites");
    }

    @Test
    void aZeroRateNeedsAnotherClass() {
        String onlyZero = BASE.substring(0, BASE.indexOf("demand:")) + """
                demand:
                  - { class: idle, kind: sized, arrivals-per-day: 0, gpus: 1, hours: 1 }
                """;
        assertHas(problems(onlyZero), "demand[0].arrivals-per-day: the rate is 0 and no other class brings jobs");
        TestScenarios.load(dir, BASE.replace("arrivals-per-day: 40", "arrivals-per-day: 0")); // fine beside another class
    }

    @Test
    void absurdVolumesAreRefusedUpFront() {
        assertHas(problems(BASE.replace("arrivals-per-day: 40", "arrivals-per-day: 1.0e9")), "demand[1].arrivals-per-day: must be at most");
        assertHas(problems(BASE.replace("arrivals-per-day: 40", "arrivals-per-day: 9000000")),
                "would bring about 3.29e+09 jobs per replication; the limit is 200000000");
        assertHas(problems(BASE.replace("gpus: 1000 }", "gpus: 1000000000000 }")), "must be at most 100000000");
    }

    @Test
    void realismAndDealKeysAreRead() {
        String yaml = BASE.replace("gpus: 1000 }", "gpus: 1000 }\n      - { date: 2025-03-01, gpu-type: H100, gpus: 500,"
                        + " delay-days: { lognormal: { median: 45, sigma: 0.6 } }, cancel-probability: 0.1 }")
                .replace("  - class: research", "  - { class: api, kind: inference, provider: azure,"
                        + " reserve-gpus: [ { date: 2025-01-21, gpus: 300 }, { date: 2025-07-01, gpus: 600 } ] }\n  - class: research")
                .replace("fallback: earliest-start }", "fallback: earliest-start }\n  commitment: { provider: azure, spend-usd: 2.5e11,"
                        + " years: 7 }\n  phases: [ { from: 2025-10-28, policy: commitment } ]")
                + "scheduling: easy-backfill\nfailures: { gpu-mtbf-hours: 50000, checkpoint-hours: 3, restart-hours: 0.5 }\n";
        Scenario scenario = TestScenarios.load(dir, yaml);
        assertEquals(org.capsim.model.Scheduling.EASY_BACKFILL, scenario.scheduling());
        assertEquals(new org.capsim.model.Failures(50000, 3, 0.5), scenario.failures());
        Tranche uncertain = scenario.sites().get(0).buildOut().get(1);
        assertEquals(500, uncertain.gpus());
        assertEquals(0.1, uncertain.cancelProbability());
        assertTrue(uncertain.delayDays() instanceof org.capsim.random.Distribution.LogNormal, uncertain.toString());
        assertEquals(1, scenario.reservations().size());
        assertEquals("azure", scenario.reservations().get(0).provider());
        assertEquals(List.of(new org.capsim.demand.InferenceClass.Step(0, 300),
                new org.capsim.demand.InferenceClass.Step(scenario.calendar().hoursAt(java.time.LocalDate.of(2025, 7, 1)), 600)),
                scenario.reservations().get(0).steps());
        assertEquals(List.of("frontier", "research"), scenario.demand().stream().map(c -> c.name()).toList());
        assertEquals(List.of("rofr", "commitment"), scenario.routing().policiesInOrder());
        assertEquals(java.time.LocalDate.of(2025, 10, 28), scenario.routing().phases().get(0).date());
    }

    @Test
    void policySettingsAreTypedAndChecked() {
        assertHas(problems(BASE.replace("response-days: 7", "response-days: soon")), "routing.rofr.response-days: expected a number, got the text 'soon'");
        assertHas(problems(BASE.replace("fallback: earliest-start", "fallback: random")), "routing.rofr.fallback: unknown value 'random'; expected one of: earliest-start, cheapest");
        assertHas(problems(BASE.replace("fallback: earliest-start", "fallbak: earliest-start")), "routing.rofr.fallbak: unknown key for the rofr policy");
        assertHas(problems(BASE + "  bogus: { x: 1 }\n"), "routing.bogus: unknown key: not a policy");
        assertHas(problems(BASE.replace("policy: rofr", "policy: rofr2")), "routing.policy: unknown policy 'rofr2'");
    }

    @Test
    void traceMapsTimeUnitsAndOrigin() {
        TestScenarios.write(dir, "t.csv", "job,t,n,d\nlate,120,4,30\nearly,60,2,90\nbefore,-0,1,1\n");
        String yaml = BASE.substring(0, BASE.indexOf("demand:")) + """
                demand:
                  - class: replay
                    kind: trace
                    file: t.csv
                    columns: { submit: t, gpus: n, duration: d, id: job }
                    time-unit: minutes
                    origin: 2025-01-22
                """;
        Scenario s = TestScenarios.load(dir, yaml);
        TraceClass trace = (TraceClass) s.demand().get(0);
        assertEquals(3, trace.trace().size());
        assertEquals("before", trace.trace().id(0));
        assertEquals(24.0, trace.trace().arrival(0), 1e-12);
        assertEquals("early", trace.trace().id(1)); // replayed in submit-time order
        assertEquals(25.0, trace.trace().arrival(1), 1e-12);
        assertEquals(1.5, trace.trace().hours(1), 1e-12);
        assertTrue(s.notes().stream().anyMatch(n -> n.contains("not in submit-time order")), s.notes().toString());
        assertNull(trace.referenceGpu());
    }

    @Test
    void traceIdsAreTheTrimmedTextOrTheClassAndRowNumber() {
        String header = BASE.substring(0, BASE.indexOf("demand:")) + "demand:\n";
        String withIds = header + "  - { class: replay, kind: trace, file: t.csv, time-unit: hours, origin: 2025-01-20,"
                + " columns: { submit: t, gpus: n, duration: d, id: job } }\n";
        // the fast reader (no quote in the file) and the general one (a quoted field) keep the same ids
        for (String x1 : List.of("  x1 ", "\"x1\"")) {
            TestScenarios.write(dir, "t.csv", "job,t,n,d\n" + x1 + ",130,4,30\ny2,70,2,90\nz3,1,1,1\n");
            TraceClass trace = (TraceClass) TestScenarios.load(dir, withIds).demand().get(0);
            assertEquals(2, trace.trace().size(), x1); // z3 arrives before the start: left out
            assertEquals("y2", trace.trace().id(0), x1); // replayed in submit-time order
            assertEquals("x1", trace.trace().id(1), x1);
        }
        TestScenarios.write(dir, "t.csv", "t,n,d\n130,4,30\n1,1,1\n70,2,90\n");
        String withoutIds = header + "  - { class: replay, kind: trace, file: t.csv, time-unit: hours, origin: 2025-01-20,"
                + " columns: { submit: t, gpus: n, duration: d } }\n";
        TraceClass trace = (TraceClass) TestScenarios.load(dir, withoutIds).demand().get(0);
        assertEquals(2, trace.trace().size());
        assertEquals("replay-3", trace.trace().id(0)); // the row's number among all rows, the left-out one counted
        assertEquals("replay-1", trace.trace().id(1));
    }

    @Test
    void traceRowsAreReportedByLine() {
        TestScenarios.write(dir, "t.csv", "id,submit,gpus,duration\na,0,4,10\nb,5,0,10\nc,x,2,-3\na,9,1,1\n");
        String yaml = BASE.substring(0, BASE.indexOf("demand:")) + """
                demand:
                  - { class: replay, kind: trace, file: t.csv, columns: { submit: submit, gpus: gpus, duration: duration, id: id } }
                """;
        List<String> p = problems(yaml);
        assertHas(p, "t.csv:3: demand[0].columns.gpus: column 'gpus' is '0'");
        assertHas(p, "t.csv:4: demand[0].columns.submit: column 'submit' is 'x'");
        assertHas(p, "t.csv:4: demand[0].columns.duration: column 'duration' is '-3'");
        assertHas(p, "t.csv:5: demand[0].columns.id: duplicate job id 'a' (first at line 2)");
    }

    /**
     * A trace without quotes is read in two passes at once (numbers; ids), one with a quote by
     * the general parser, row by row: the problems listed, their order and the count past the
     * limit must be the same.
     */
    @Test
    void traceProblemsAreTheSameWhetherIdsAreCheckedAlongsideOrInTurn() {
        java.util.Random random = new java.util.Random(3);
        for (int round = 0; round < 20; round++) {
            StringBuilder rows = new StringBuilder();
            int n = 5 + random.nextInt(60);
            for (int i = 0; i < n; i++) {
                String id = switch (random.nextInt(6)) {
                    case 0 -> "j" + random.nextInt(5); // likely a duplicate
                    case 1 -> " ";
                    default -> "j" + (100 + i);
                };
                String submit = random.nextInt(8) == 0 ? "soon" : Integer.toString(random.nextInt(100));
                String gpus = random.nextInt(8) == 0 ? "0" : "2";
                String extra = random.nextInt(15) == 0 ? ",9" : ""; // a row of the wrong width
                rows.append(id).append(',').append(submit).append(',').append(gpus).append(",5").append(extra).append('\n');
                if (random.nextInt(10) == 0) {
                    rows.append('\n'); // empty lines are skipped but counted
                }
            }
            String yaml = BASE.substring(0, BASE.indexOf("demand:")) + """
                    demand:
                      - { class: replay, kind: trace, file: t.csv, columns: { submit: submit, gpus: gpus, duration: d, id: id } }
                    """;
            TestScenarios.write(dir, "t.csv", "id,submit,gpus,d\n" + rows);
            List<String> alongside = problems(yaml);
            TestScenarios.write(dir, "t.csv", "\"id\",submit,gpus,d\n" + rows);
            List<String> inTurn = problems(yaml);
            assertEquals(inTurn, alongside, "round " + round);
        }
    }

    @Test
    void theResumeDigestChangesWithAnEmpiricalDistributionsFileAndOnlyWithIt() {
        String yaml = BASE.replace("gpus: { choice: { 1: 0.5, 8: 0.3, 64: 0.2 } }",
                "gpus: { empirical: { file: data/sizes.csv, column: num_gpus } }");
        TestScenarios.write(dir, "data/sizes.csv", "num_gpus,other\n1,x\n8,y\n64,z\n");
        String before = ScenarioDigest.of(yaml, TestScenarios.load(dir, yaml));
        assertEquals(before, ScenarioDigest.of(yaml, TestScenarios.load(dir, yaml)), "the same files, the same digest");
        TestScenarios.write(dir, "data/sizes.csv", "num_gpus,other\n1,x\n8,y\n32,z\n");
        String changed = ScenarioDigest.of(yaml, TestScenarios.load(dir, yaml));
        assertTrue(!changed.equals(before), "a value changed in place must change the digest");
        TestScenarios.write(dir, "data/sizes.csv", "num_gpus,other\n1,x\n8,y\n64,z\n");
        assertEquals(before, ScenarioDigest.of(yaml, TestScenarios.load(dir, yaml)), "restored, the digest is back");
    }

    @Test
    void theStudysDigestCoversTheTraceOfEveryPointAndNoOtherFile() {
        String demand = BASE.substring(0, BASE.indexOf("demand:")) + """
                demand:
                  - { class: replay, kind: trace, file: %s, columns: { submit: submit, gpus: gpus, duration: d } }
                """;
        TestScenarios.write(dir, "a.csv", "submit,gpus,d\n0,1,5\n");
        TestScenarios.write(dir, "b.csv", "submit,gpus,d\n0,2,5\n");
        TestScenarios.write(dir, "unread.csv", "submit,gpus,d\n0,4,5\n");
        String text = demand.formatted("a.csv");
        String before = ScenarioDigest.of(text, List.of(TestScenarios.load(dir, text),
                TestScenarios.load(dir, demand.formatted("b.csv"))), ScenarioDigest::sha256);
        TestScenarios.write(dir, "unread.csv", "submit,gpus,d\n0,8,5\n");
        assertEquals(before, ScenarioDigest.of(text, List.of(TestScenarios.load(dir, text),
                TestScenarios.load(dir, demand.formatted("b.csv"))), ScenarioDigest::sha256), "a file no point reads");
        TestScenarios.write(dir, "b.csv", "submit,gpus,d\n0,3,5\n");
        assertTrue(!before.equals(ScenarioDigest.of(text, List.of(TestScenarios.load(dir, text),
                TestScenarios.load(dir, demand.formatted("b.csv"))), ScenarioDigest::sha256)),
                "the second point's trace changed in place");
    }

    @Test
    void empiricalDistributionReadsAColumn() {
        TestScenarios.write(dir, "data/sizes.csv", "num_gpus,other\n1,x\n8,y\n64,z\n");
        Scenario s = TestScenarios.load(dir, BASE.replace("gpus: { choice: { 1: 0.5, 8: 0.3, 64: 0.2 } }",
                "gpus: { empirical: { file: data/sizes.csv, column: num_gpus } }"));
        Distribution gpus = ((SizedClass) s.demand().get(1)).gpus();
        assertEquals(73 / 3.0, gpus.mean(), 1e-12);
        assertHas(problems(BASE.replace("gpus: { choice: { 1: 0.5, 8: 0.3, 64: 0.2 } }",
                "gpus: { empirical: { file: data/sizes.csv, column: gpus } }")), "the header has no column 'gpus'; its columns are: num_gpus, other");
    }

    @Test
    void distributionsAreChecked() {
        assertHas(problems(BASE.replace("{ choice: { 1: 0.5, 8: 0.3, 64: 0.2 } }", "{ choice: { 1: 0.5, 8: 0.3 } }")),
                "the probabilities add up to 0.8, not 1");
        assertHas(problems(BASE.replace("{ choice: { 1: 0.5, 8: 0.3, 64: 0.2 } }", "{ uniform: [8, 1] }")),
                "low (8) is above high (1)");
        assertHas(problems(BASE.replace("{ choice: { 1: 0.5, 8: 0.3, 64: 0.2 } }", "{ lognormall: { median: 6, sigma: 1 } }")),
                "unknown distribution 'lognormall' (did you mean 'lognormal'?)");
        assertHas(problems(BASE.replace("{ choice: { 1: 0.5, 8: 0.3, 64: 0.2 } }", "0")), "demand[1].gpus: must be more than 0, got 0");
    }

    @Test
    void datesAndCalendar() {
        assertHas(problems(BASE.replace("horizon: 2026-01-20", "horizon: 2024-01-20")), "the horizon 2024-01-20 is before the start 2025-01-21");
        assertHas(problems(BASE.replace("start: 2025-01-21", "start: 2025-02-30")), "'2025-02-30' is not a date; write it as YYYY-MM-DD");
        assertHas(problems(BASE.replace("{ date: 2026-01-01, gpu-type: GB200, megawatts: 300 }",
                "{ date: 2026-01-01, gpu-type: GB200, megawatts: 300 }\n      - { date: 2025-12-01, gpu-type: GB200, gpus: 5 }")),
                "dates out of order: 2025-12-01 comes after 2026-01-01 for GB200 at this site");
        assertHas(problems(BASE + "warmup-days: 400\n"), "the warm-up (400 days) must end before the horizon");
        // a one-day run: "1 day", not "1 days"
        assertHas(problems(BASE.replace("horizon: 2026-01-20", "horizon: 2025-01-21") + "warmup-days: 1\n"),
                "the warm-up (1 day) must end before the horizon (1 day after start)");
    }
}
