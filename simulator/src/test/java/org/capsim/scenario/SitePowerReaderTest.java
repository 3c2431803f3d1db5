package org.capsim.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.capsim.model.GpuType;
import org.capsim.model.PowerStep;
import org.capsim.model.Site;
import org.capsim.model.SitePower;
import org.capsim.model.StepCurve;
import org.capsim.random.Distribution;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading SPEC 6.2's site power, electricity price, grid intensity and GPU draw fractions, and their located errors. */
class SitePowerReaderTest {

    @TempDir
    Path dir;

    /** Site s's keys start at line 12 once {@link #withSite} adds them; GPU types are lines 5 and 6. */
    private static final String BASE = """
            name: power
            start: 2025-01-21
            horizon: 2026-01-20
            gpu-types:
              H100: { peak-tflops: 989, kw-per-gpu: 1.5 }
              GB200: { peak-tflops: 2500, kw-per-gpu: 2.0 }
            providers:
              lab: { price-per-gpu-hour: 2 }
            sites:
              - id: s
                provider: lab
                build-out:
                  - { date: 2025-01-01, gpu-type: H100, gpus: 1000 }
                  - { date: 2025-03-01, gpu-type: GB200, gpus: 500 }
              - id: t
                provider: lab
                build-out: [ { date: 2025-01-01, gpu-type: H100, gpus: 100 } ]
            demand:
              - class: research
                kind: sized
                arrivals-per-day: 4
                gpus: 8
                hours: 2
            """;

    /** BASE with {@code lines} added to site s (after its provider). */
    private static String withSite(String lines) {
        String head = "    provider: lab\n";
        int at = BASE.indexOf(head) + head.length();
        return BASE.substring(0, at) + lines.indent(4) + BASE.substring(at);
    }

    private Scenario load(String yaml) {
        return TestScenarios.load(dir, yaml);
    }

    private List<String> problems(String yaml) {
        return TestScenarios.problems(dir, yaml);
    }

    private static Site site(Scenario s, String id) {
        return s.sites().stream().filter(site -> site.id().equals(id)).findFirst().orElseThrow();
    }

    private static void assertOnly(List<String> problems, String expected) {
        assertEquals(List.of(expected), problems);
    }

    @Test
    void withoutTheKeysSitesAreUnlimitedAndDrawsDefault() {
        Scenario s = load(BASE);
        for (Site site : s.sites()) {
            assertSame(SitePower.UNLIMITED, site.power(), site.id());
        }
        for (GpuType type : s.gpuTypes().values()) {
            assertEquals(1.0, type.busyFraction(), type.name());
            assertEquals(0.25, type.idleFraction(), type.name());
        }
        assertFalse(s.reportsPower());
        assertEquals(List.of(), s.notes());
    }

    @Test
    void powerStepsPricesIntensitiesAndDrawsReachTheRecords() {
        String yaml = withSite("""
                power:
                  - { date: 2024-12-01, megawatts: 1.5 }
                  - { date: 2025-06-01, megawatts: 3, delay-days: { lognormal: { median: 90, sigma: 0.7 } },
                      cancel-probability: 0.1 }
                  - { date: 2025-09-01, megawatts: 0, delay-days: 30 }
                electricity-usd-per-mwh: 45
                grid-gco2-per-kwh:
                  - { date: 2025-01-01, gco2-per-kwh: 550 }
                  - { date: 2025-07-01, gco2-per-kwh: 300 }
                """).replace("kw-per-gpu: 2.0 }", "kw-per-gpu: 2.0, busy-fraction: 0.8, idle-fraction: 0 }");
        yaml = yaml.replace("  - id: t\n    provider: lab\n", "  - id: t\n    provider: lab\n"
                + "    electricity-usd-per-mwh: [ { date: 2025-02-01, usd-per-mwh: 27 }, { date: 2026-01-01, usd-per-mwh: 32 } ]\n");
        Scenario s = load(yaml);

        SitePower power = site(s, "s").power();
        assertEquals(List.of(
                new PowerStep(LocalDate.of(2024, 12, 1), 1.5, null, 0),
                new PowerStep(LocalDate.of(2025, 6, 1), 3, new Distribution.LogNormal(90, 0.7), 0.1),
                new PowerStep(LocalDate.of(2025, 9, 1), 0, new Distribution.Fixed(30), 0)), power.steps());
        assertTrue(power.capped());
        assertEquals(45, power.usdPerMwh().valueAt(-1e9));
        assertEquals(45, power.usdPerMwh().valueAt(1e9));
        // clock hours from the start 2025-01-21: 20 days before it, and 161 days after it
        assertArrayEquals(new double[] {-20 * 24, 161 * 24}, power.gco2PerKwh().fromHours());
        assertArrayEquals(new double[] {550, 300}, power.gco2PerKwh().values());

        SitePower priced = site(s, "t").power();
        assertFalse(priced.capped(), "a price alone caps nothing");
        assertNull(priced.gco2PerKwh());
        StepCurve price = priced.usdPerMwh();
        assertArrayEquals(new double[] {11 * 24, 345 * 24}, price.fromHours());
        assertEquals(27, price.valueAt(0), "the first value holds before the first step");
        assertEquals(32, price.valueAt(345 * 24));

        GpuType gb200 = s.gpuTypes().get("GB200");
        assertEquals(0.8, gb200.busyFraction());
        assertEquals(0.0, gb200.idleFraction());
        assertEquals(new GpuType("H100", 989, 1.5, Double.NaN), s.gpuTypes().get("H100"), "defaults where not given");
        assertTrue(s.reportsPower());
        assertEquals(List.of(), s.notes(), "the first step is energized before the start: nothing waits");
    }

    @Test
    void aDrawAloneReportsPowerWithUnlimitedSites() {
        Scenario s = load(BASE.replace("kw-per-gpu: 1.5 }", "kw-per-gpu: 1.5, idle-fraction: 0.1 }"));
        assertEquals(0.1, s.gpuTypes().get("H100").idleFraction());
        assertSame(SitePower.UNLIMITED, site(s, "s").power());
        assertTrue(s.reportsPower());
    }

    @Test
    void powerStepsAreCheckedEachOne() {
        String steps = """
                power:
                  - { date: 2025-06-01, megawatts: -5 }
                  - { date: 2025-03-01, megawatts: 2 }
                  - { megawatts: 2 }
                  - { date: 2025-07-01 }
                  - { date: 2025-08-01, megawatts: 2, mw: 2 }
                  - { date: 2025-08-01, megawatts: 2, delay-days: -1, cancel-probability: 1.5 }
                """;
        assertEquals(List.of(
                "bad.yaml:13:40: sites[0].power[0].megawatts: must be at least 0, got -5",
                "bad.yaml:14:17: sites[0].power[1].date: steps out of date order: 2025-03-01 is not after 2025-06-01",
                "bad.yaml:15:9: sites[0].power[2]: missing required key 'date'",
                "bad.yaml:16:9: sites[0].power[3]: missing required key 'megawatts'",
                "bad.yaml:17:43: sites[0].power[4].mw: unknown key (known keys: cancel-probability, date, delay-days, megawatts)",
                "bad.yaml:18:17: sites[0].power[5].date: steps out of date order: 2025-08-01 is not after 2025-08-01",
                "bad.yaml:18:55: sites[0].power[5].delay-days: must be at least 0, got -1",
                "bad.yaml:18:79: sites[0].power[5].cancel-probability: must be at most 1, got 1.5"),
                problems(withSite(steps)));
        assertOnly(problems(withSite("power: []")),
                "bad.yaml:12:12: sites[0].power: give at least one step, e.g. - { date: 2025-06-01, megawatts: 200 }");
        assertOnly(problems(withSite("power: 200")),
                "bad.yaml:12:12: sites[0].power: expected a list (lines starting with '- '), got the number 200");
    }

    @Test
    void drawFractionsAreSharesOfKwPerGpu() {
        assertOnly(problems(BASE.replace("kw-per-gpu: 1.5 }", "kw-per-gpu: 1.5, busy-fraction: 1.2 }")),
                "bad.yaml:5:61: gpu-types.H100.busy-fraction: must be at most 1, got 1.2");
        assertOnly(problems(BASE.replace("kw-per-gpu: 1.5 }", "kw-per-gpu: 1.5, idle-fraction: -0.1 }")),
                "bad.yaml:5:61: gpu-types.H100.idle-fraction: must be at least 0, got -0.1");
        assertOnly(problems(BASE.replace("kw-per-gpu: 1.5 }", "kw-per-gpu: 1.5, idle-fraction: low }")),
                "bad.yaml:5:61: gpu-types.H100.idle-fraction: expected a number, got 'low'");
    }

    @Test
    void pricesAndIntensitiesAreNumbersOrStepCurvesAtLeastZero() {
        assertOnly(problems(withSite("electricity-usd-per-mwh: -45")),
                "bad.yaml:12:30: sites[0].electricity-usd-per-mwh: must be at least 0, got -45");
        assertOnly(problems(withSite("grid-gco2-per-kwh: 2.0e+4")),
                "bad.yaml:12:24: sites[0].grid-gco2-per-kwh: must be at most 10000, got 2.0e+4");
        assertEquals(List.of(
                "bad.yaml:14:42: sites[0].electricity-usd-per-mwh[1].usd-per-mwh: must be at least 0, got -1",
                "bad.yaml:15:17: sites[0].electricity-usd-per-mwh[2].date: steps out of date order: 2025-01-01 is not after"
                        + " 2025-02-01",
                "bad.yaml:17:9: sites[0].grid-gco2-per-kwh[0]: missing required key 'gco2-per-kwh'",
                "bad.yaml:17:29: sites[0].grid-gco2-per-kwh[0].usd-per-mwh: unknown key (known keys: date, gco2-per-kwh)"),
                problems(withSite("""
                        electricity-usd-per-mwh:
                          - { date: 2025-01-01, usd-per-mwh: 30 }
                          - { date: 2025-02-01, usd-per-mwh: -1 }
                          - { date: 2025-01-01, usd-per-mwh: 30 }
                        grid-gco2-per-kwh:
                          - { date: 2025-01-01, usd-per-mwh: 300 }
                        """)));
        assertOnly(problems(withSite("grid-gco2-per-kwh: []")),
                "bad.yaml:12:24: sites[0].grid-gco2-per-kwh: give at least one step, e.g. - { date: 2025-01-01, gco2-per-kwh: 30 }");
        assertOnly(problems(withSite("electricity-usd-per-mwh: { usd-per-mwh: 30 }")),
                "bad.yaml:12:30: sites[0].electricity-usd-per-mwh: expected a number or a list of steps, e.g. - { date:"
                        + " 2025-01-01, usd-per-mwh: 30 }; got a mapping");
    }

    @Test
    void aCappedSiteNeedsTheDrawOfEachGpuTypeItHolds() {
        String noKw = BASE.replace("GB200: { peak-tflops: 2500, kw-per-gpu: 2.0 }", "GB200: { peak-tflops: 2500 }");
        // both sites capped; only s holds GB200
        assertOnly(problems(noKw.replace("    provider: lab\n", "    provider: lab\n    power: [ { date: 2025-01-01, megawatts: 2 } ]\n")),
                "bad.yaml:12:5: sites[0].power: GPU type 'GB200' has no kw-per-gpu, needed to know how many of its GPUs"
                        + " the site's power feeds; give it in gpu-types.GB200");
        // a price or an intensity needs no draw per GPU type: the site powers every GPU it installs
        Scenario s = load(noKw.replace("    provider: lab\n", "    provider: lab\n    electricity-usd-per-mwh: 30\n"));
        assertFalse(site(s, "s").power().capped());
    }

    @Test
    void gpusInstalledBeforeTheFirstPowerStepAreNotedOnce() {
        Scenario s = load(withSite("""
                power:
                  - { date: 2025-02-01, megawatts: 1.5 }
                  - { date: 2025-04-01, megawatts: 3 }
                """).replace("gpu-type: H100, gpus: 100 }", "gpu-type: H100, gpus: 100 }, { date: 2025-01-25, gpu-type: H100,"
                + " retire-gpus: 40 }, { date: 2025-03-01, gpu-type: H100, gpus: 7 }").replace("  - id: t\n    provider: lab\n",
                "  - id: t\n    provider: lab\n    power: [ { date: 2025-03-01, megawatts: 1 } ]\n"));
        assertEquals(List.of(
                "sites[0].power: 1000 GPUs installed before the first power step (2025-02-01) are stranded until it comes",
                "sites[1].power: 60 GPUs installed before the first power step (2025-03-01) are stranded until it comes"),
                s.notes());
        Scenario onTime = load(withSite("power: [ { date: 2025-01-01, megawatts: 1 }, { date: 2025-02-01, megawatts: 3 } ]"));
        assertEquals(List.of(), onTime.notes(), "a first step before the start is energized with the GPUs installed there");
    }

    @Test
    void everyProblemOfTheFileInOneRun() {
        String yaml = withSite("power: [ { date: 2025-01-01, megawatts: -1 } ]\nelectricity-usd-per-mwh: -3\n")
                .replace("kw-per-gpu: 2.0 }", "kw-per-gpu: 2.0, busy-fraction: 2 }")
                .replace("  - id: t\n    provider: lab\n", "  - id: t\n    provider: lab\n    grid-gco2-per-kwh: [ { date: 2025-01-01,"
                        + " gco2-per-kwh: -300 } ]\n    power: [ { date: 2025-01-01, megawats: 1 } ]\n")
                .replace("gpus: 8", "gpus: -8");
        List<String> p = problems(yaml);
        assertEquals(List.of(
                "bad.yaml:6:63: gpu-types.GB200.busy-fraction: must be at most 1, got 2",
                "bad.yaml:12:45: sites[0].power[0].megawatts: must be at least 0, got -1",
                "bad.yaml:13:30: sites[0].electricity-usd-per-mwh: must be at least 0, got -3",
                "bad.yaml:19:60: sites[1].grid-gco2-per-kwh[0].gco2-per-kwh: must be at least 0, got -300",
                "bad.yaml:20:14: sites[1].power[0]: missing required key 'megawatts'",
                "bad.yaml:20:34: sites[1].power[0].megawats: unknown key; did you mean 'megawatts'? (known keys:"
                        + " cancel-probability, date, delay-days, megawatts)",
                "bad.yaml:26:11: demand[0].gpus: must be more than 0, got -8"), p);
    }

    @Test
    void theKeysCanBeSetFromTheCommandLine() throws ScenarioException {
        String yaml = withSite("power: [ { date: 2025-02-01, megawatts: 1.5 } ]");
        Scenario s = AssignmentTest.load(dir, yaml, List.of(AssignmentTest.set("sites[0].power[0].megawatts=4"),
                AssignmentTest.set("sites[1].grid-gco2-per-kwh=[ { date: 2025-01-01, gco2-per-kwh: 300 } ]"),
                AssignmentTest.set("gpu-types.H100.idle-fraction=0.5")));
        assertEquals(4, site(s, "s").power().steps().get(0).megawatts());
        assertArrayEquals(new double[] {300}, site(s, "t").power().gco2PerKwh().values());
        assertEquals(0.5, s.gpuTypes().get("H100").idleFraction());
        ScenarioException e = assertThrows(ScenarioException.class, () -> AssignmentTest.load(dir, yaml,
                List.of(AssignmentTest.set("sites[0].power[0].megawatts=-4"))));
        assertEquals(List.of("--set sites[0].power[0].megawatts=-4: sites[0].power[0].megawatts: must be at least 0, got -4"),
                e.problems().stream().map(Object::toString).toList());
    }
}
