package org.capsim.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.capsim.metrics.ReplicationResult;
import org.capsim.model.GpuType;
import org.capsim.model.PowerStep;
import org.capsim.model.Site;
import org.capsim.model.SitePower;
import org.capsim.model.StepCurve;
import org.capsim.random.Distribution;
import org.capsim.scenario.Scenario;
import org.capsim.testing.MemoryRecorder;
import org.capsim.testing.MemoryRecorder.PoolRow;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The laws of power (SPEC 6.2), on random power-capped scenarios: energy, its cost and carbon
 * are the integrals of the draw recomputed from the pools' rows (what sites.csv holds); a capped
 * site never runs more GPUs than its power feeds; stranded GPU-hours are the integral of
 * installed less powered; a power step d days late delays exactly the GPUs it feeds.
 */
class PowerLawsTest {

    private static final long SEED = Long.getLong("capsim.power.seed", 20261207L);
    private static final int SCENARIOS = 10;

    @TempDir
    Path dir;

    @Test
    void energyCostCarbonAndStrandedHoursAreTheIntegralsOfTheRows() {
        Random random = new Random(SEED);
        int cappedRows = 0;
        double stranded = 0;
        for (int n = 0; n < SCENARIOS; n++) {
            Scenario scenario = randomScenario(n, random);
            MemoryRecorder record = TestScenarios.run(scenario, null, 1).first();
            ReplicationResult result = TestScenarios.run(scenario, null, 1).results().get(0);
            String where = "scenario " + n + ": " + scenario.sites();
            Map<String, double[]> integrals = integrate(scenario, record.pools);
            for (Site site : scenario.sites()) {
                Map<String, Double> figures = result.sites().get(site.id());
                double[] expected = integrals.get(site.id());
                assertEquals(expected[0], figures.get("energy_mwh"), 1e-6 * Math.max(1, expected[0]), where);
                assertEquals(expected[1], figures.get("energy_cost_usd"), 1e-6 * Math.max(1, expected[1]), where);
                assertEquals(expected[2], figures.get("co2_t"), 1e-6 * Math.max(1, expected[2]), where);
                assertEquals(expected[3], figures.get("stranded_gpu_hours"), 1e-6 * Math.max(1, expected[3]), where);
                assertEquals(expected[4], figures.get("idle_gpu_hours"), 1e-6 * Math.max(1, expected[4]), where);
                assertTrue(figures.get("power_peak_mw") <= expected[5] + 1e-9, where);
                stranded += expected[3];
            }
            // the power only grows here: no pool ever runs, or holds for inference, more than it powers
            for (PoolRow row : record.pools) {
                assertTrue(row.busy() + row.reserved() <= row.powered(), () -> where + "\n" + row);
                cappedRows += row.powered() < row.installed() ? 1 : 0;
            }
            double fleetEnergy = scenario.sites().stream().mapToDouble(s -> result.sites().get(s.id()).get("energy_mwh"))
                    .sum();
            assertEquals(fleetEnergy, result.metrics().get("energy_mwh"), 1e-6 * Math.max(1, fleetEnergy));
        }
        System.out.printf(Locale.ROOT, "power laws: %d scenarios, %d rows with stranded GPUs, %.0f stranded GPU-hours%n",
                SCENARIOS, cappedRows, stranded);
        assertTrue(cappedRows > 100, "power never capped a pool: " + cappedRows);
    }

    @Test
    void aPowerStepDaysLateDelaysExactlyTheGpusItFeeds() {
        Scenario onTime = powerStepScenario(0);
        Scenario late = powerStepScenario(5);
        List<PoolRow> before = TestScenarios.run(onTime, null, 1).first().pools;
        List<PoolRow> after = TestScenarios.run(late, null, 1).first().pools;
        // 1 kW a GPU: 0.4 MW feeds 400 of the 1,000 GPUs from the start, 1 MW all of them from day 10 (or 15)
        assertEquals(10 * 24.0, firstTimePowered(before, 1000));
        assertEquals(15 * 24.0, firstTimePowered(after, 1000));
        assertEquals(400, poweredAt(after, 15 * 24.0 - 1e-6));
        assertEquals(poweredAt(before, 9 * 24.0), poweredAt(after, 9 * 24.0));
    }

    /** The first instant at whose end the pool powers at least {@code gpus}. */
    private static double firstTimePowered(List<PoolRow> rows, long gpus) {
        return rows.stream().mapToDouble(PoolRow::time).distinct().filter(t -> poweredAt(rows, t) >= gpus).min()
                .orElse(Double.NaN);
    }

    private static long poweredAt(List<PoolRow> rows, double time) {
        long powered = -1;
        for (PoolRow row : rows) {
            if (row.time() <= time) {
                powered = row.powered();
            }
        }
        return powered;
    }

    private Scenario powerStepScenario(double delayDays) {
        String yaml = """
                name: late-power
                start: 2025-01-01
                horizon: 2025-01-31
                seed: 3
                gpu-types: { H100: { peak-tflops: 989, kw-per-gpu: 1.0 } }
                providers: { lab: { price-per-gpu-hour: 1 } }
                sites:
                  - { id: s, provider: lab, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 1000 } ] }
                demand:
                  - { class: jobs, kind: sized, arrivals-per-day: 40, gpus: 50, hours: 30 }
                """;
        Scenario scenario = TestScenarios.load(dir, yaml);
        Distribution delay = delayDays > 0 ? new Distribution.Fixed(delayDays) : null;
        SitePower power = new SitePower(List.of(
                new PowerStep(java.time.LocalDate.of(2024, 12, 1), 0.4, null, 0),
                new PowerStep(java.time.LocalDate.of(2025, 1, 11), 1.0, delay, 0)), null, null);
        Site site = scenario.sites().get(0);
        return withSites(scenario, List.of(new Site(site.id(), site.provider(), site.buildOut(), power)), 1.0, 0.25);
    }

    /** Per site: energy (MWh), cost ($), CO2 (t), stranded and idle GPU-hours, and the highest draw (MW) of the rows. */
    private static Map<String, double[]> integrate(Scenario scenario, List<PoolRow> rows) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<Integer, PoolRow> state = new HashMap<>();
        Map<String, Integer> poolsPerSite = new HashMap<>();
        scenario.sites().forEach(s -> {
            sums.put(s.id(), new double[6]);
            poolsPerSite.put(s.id(), s.gpuTypes().size());
        });
        double last = 0;
        for (int i = 0; i <= rows.size(); i++) {
            double now = i < rows.size() ? rows.get(i).time() : scenario.endHours();
            if (now > last) {
                for (Site site : scenario.sites()) {
                    double kw = 0;
                    double strandedGpus = 0;
                    double idleGpus = 0;
                    for (PoolRow row : state.values()) {
                        if (!row.site().equals(site.id())) {
                            continue;
                        }
                        GpuType type = scenario.gpuTypes().get(row.gpuType());
                        long idle = Math.max(0, row.powered() - row.busy() - row.reserved());
                        kw += (row.busy() + row.reserved()) * type.kwPerGpu() * type.busyFraction()
                                + idle * type.kwPerGpu() * type.idleFraction();
                        strandedGpus += row.installed() - row.powered();
                        idleGpus += idle;
                    }
                    double[] s = sums.get(site.id());
                    for (double t = last; t < now; ) { // split where a curve steps
                        double next = Math.min(now, Math.min(site.power().usdPerMwh().nextChangeAfter(t),
                                site.power().gco2PerKwh().nextChangeAfter(t)));
                        double kwh = kw * (next - t);
                        s[0] += kwh / 1000;
                        s[1] += kwh / 1000 * site.power().usdPerMwh().valueAt(t);
                        s[2] += kwh * site.power().gco2PerKwh().valueAt(t) / 1e6;
                        t = next;
                    }
                    s[3] += strandedGpus * (now - last);
                    s[4] += idleGpus * (now - last);
                    s[5] = Math.max(s[5], kw / 1000);
                }
                last = now;
            }
            if (i < rows.size()) {
                state.put(rows.get(i).pool(), rows.get(i));
            }
        }
        return sums;
    }

    /** Two or three sites whose power grows in steps behind their build-out, with stepped prices and intensities. */
    private Scenario randomScenario(int n, Random random) {
        StringBuilder sites = new StringBuilder();
        int siteCount = 2 + random.nextInt(2);
        for (int s = 0; s < siteCount; s++) {
            sites.append(String.format(Locale.ROOT, "  - id: s%d%n    provider: p%d%n    build-out:%n", s, s % 2));
            sites.append(String.format(Locale.ROOT, "      - { date: 2024-12-01, gpu-type: H100, gpus: %d }%n",
                    100 + random.nextInt(200)));
            sites.append(String.format(Locale.ROOT, "      - { date: 2025-01-%02d, gpu-type: GB200, gpus: %d%s }%n",
                    5 + random.nextInt(20), 50 + random.nextInt(150),
                    random.nextBoolean() ? ", delay-days: { uniform: [0, 10] }" : ""));
        }
        String yaml = String.format(Locale.ROOT, """
                name: power-%d
                start: 2025-01-01
                horizon: 2025-02-28
                seed: %d
                scheduling: %s
                gpu-types: { H100: { peak-tflops: 989, kw-per-gpu: 1.4 }, GB200: { peak-tflops: 2500, kw-per-gpu: 2.2 } }
                providers: { p0: { price-per-gpu-hour: 2 }, p1: { price-per-gpu-hour: 1.5 } }
                sites:
                %sdemand:
                  - { class: jobs, kind: sized, arrivals-per-day: %d, gpus: { choice: { 1: 0.4, 8: 0.4, 64: 0.2 } },
                      hours: { lognormal: { median: 8, sigma: 1 } } }
                  - { class: api, kind: inference, provider: p0, reserve-gpus: [ { date: 2025-01-10, gpus: %d } ] }
                routing: { policy: earliest-start }
                """, n, n + 1, random.nextBoolean() ? "fifo" : "easy-backfill", sites, 40 + random.nextInt(60),
                random.nextInt(40));
        Scenario scenario = TestScenarios.load(dir, yaml);
        List<Site> powered = new ArrayList<>();
        for (Site site : scenario.sites()) {
            double first = 0.05 + random.nextDouble() * 0.3;
            double second = first + 0.1 + random.nextDouble() * 0.5;
            List<PowerStep> steps = new ArrayList<>();
            steps.add(new PowerStep(java.time.LocalDate.of(2024, 12, 15), first, null, 0));
            steps.add(new PowerStep(java.time.LocalDate.of(2025, 1, 1 + random.nextInt(28)), second,
                    random.nextBoolean() ? new Distribution.Uniform(0, 20) : null, random.nextInt(4) == 0 ? 0.5 : 0));
            StepCurve price = new StepCurve(new double[] {0, 200 + random.nextInt(600)},
                    new double[] {20 + random.nextInt(40), 30 + random.nextInt(60)});
            StepCurve intensity = new StepCurve(new double[] {0, 100 + random.nextInt(900)},
                    new double[] {250 + random.nextInt(100), 400 + random.nextInt(200)});
            powered.add(new Site(site.id(), site.provider(), site.buildOut(), new SitePower(steps, price, intensity)));
        }
        return withSites(scenario, powered, 0.8, 0.25);
    }

    /** The scenario with other sites and GPU draw fractions. */
    static Scenario withSites(Scenario s, List<Site> sites, double busyFraction, double idleFraction) {
        Map<String, GpuType> types = new LinkedHashMap<>();
        s.gpuTypes().forEach((name, t) -> types.put(name, new GpuType(name, t.peakTflops(), t.kwPerGpu(), t.capexUsd(),
                busyFraction, idleFraction)));
        return new Scenario(s.file(), s.name(), s.description(), s.calendar(), s.warmupHours(), s.seed(), s.replications(),
                s.sampleHours(), s.scheduling(), types, s.providers(), sites, s.demand(), s.reservations(), s.failures(),
                s.routing(), s.notes());
    }
}
