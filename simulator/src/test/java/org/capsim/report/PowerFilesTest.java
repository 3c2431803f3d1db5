package org.capsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.capsim.cli.Main;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power scenario's report files agree with each other: each site's energy, cost, CO2 and
 * stranded GPU-hours in summary.json are the integrals of the draw recomputed from sites.csv's
 * rows (busy and reserved GPUs at the busy fraction, idle powered ones at the idle fraction)
 * under the price and intensity curves of the scenario file.
 */
class PowerFilesTest {

    private static final String SCENARIO = """
            name: power-files
            start: 2025-01-01
            horizon: 2025-02-28
            seed: 21
            replications: 3
            gpu-types:
              H100:  { peak-tflops: 989,  kw-per-gpu: 1.5, busy-fraction: 0.8, idle-fraction: 0.2 }
              GB200: { peak-tflops: 2500, kw-per-gpu: 2.2, busy-fraction: 0.9 }
            providers: { lab: { price-per-gpu-hour: 2 }, cloud: { price-per-gpu-hour: 3 } }
            sites:
              - id: texas
                provider: lab
                power:
                  - { date: 2024-12-01, megawatts: 0.3 }
                  - { date: 2025-01-20, megawatts: 0.9, delay-days: { uniform: [0, 20] } }
                electricity-usd-per-mwh: [ { date: 2025-01-01, usd-per-mwh: 30 }, { date: 2025-02-01, usd-per-mwh: 55 } ]
                grid-gco2-per-kwh: [ { date: 2025-01-01, gco2-per-kwh: 550 }, { date: 2025-01-25, gco2-per-kwh: 300 } ]
                build-out:
                  - { date: 2024-12-01, gpu-type: H100, gpus: 300 }
                  - { date: 2025-01-10, gpu-type: GB200, gpus: 200 }
              - id: cloud
                provider: cloud
                electricity-usd-per-mwh: 80
                grid-gco2-per-kwh: 367
                build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 200 } ]
            demand:
              - { class: jobs, kind: sized, arrivals-per-day: 60, gpus: { choice: { 1: 0.4, 8: 0.4, 32: 0.2 } },
                  hours: { lognormal: { median: 8, sigma: 1 } } }
            routing: { policy: earliest-start }
            """;
    /** kW a busy and an idle GPU draws, by type. */
    private static final Map<String, double[]> DRAW = Map.of("H100", new double[] {1.5 * 0.8, 1.5 * 0.2},
            "GB200", new double[] {2.2 * 0.9, 2.2 * 0.25});

    @TempDir
    Path dir;

    @Test
    void summaryFiguresAreTheIntegralsOfSitesCsv() throws IOException {
        Path scenario = TestScenarios.write(dir, "power-files.yaml", SCENARIO);
        Path out = dir.resolve("out");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(sink, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(new String[] {"run", scenario.toString(), "--out", out.toString(), "--quiet",
                "--no-charts"}, stream, stream), sink.toString(StandardCharsets.UTF_8));
        double end = 59 * 24.0;
        // per site: energy MWh, cost $, CO2 t, stranded GPU-hours, summed over the replications
        Map<String, double[]> sums = new TreeMap<>();
        try (Reader reader = Files.newBufferedReader(out.resolve("sites.csv"))) {
            Map<String, CSVRecord> state = new HashMap<>(); // by pool, its last row
            double last = 0;
            String replication = "1";
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().build().parse(reader)) {
                double time = Double.parseDouble(row.get("time_h"));
                if (!row.get("replication").equals(replication)) {
                    integrate(state, last, end, sums);
                    state.clear();
                    last = 0;
                    replication = row.get("replication");
                }
                integrate(state, last, time, sums);
                last = time;
                state.put(row.get("site") + "/" + row.get("pool_type"), row);
            }
            integrate(state, last, end, sums);
        }
        JsonNode sites = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("policies").get(0)
                .get("sites");
        for (Map.Entry<String, double[]> site : sums.entrySet()) {
            JsonNode figures = sites.get(site.getKey());
            double[] s = site.getValue();
            assertClose(s[0] / 3, figures.get("energy_mwh").get("mean").asDouble(), site.getKey() + " energy");
            assertClose(s[1] / 3, figures.get("energy_cost_usd").get("mean").asDouble(), site.getKey() + " cost");
            assertClose(s[2] / 3, figures.get("co2_t").get("mean").asDouble(), site.getKey() + " CO2");
            assertClose(s[3] / 3, figures.get("stranded_gpu_hours").get("mean").asDouble(), site.getKey() + " stranded");
        }
        assertTrue(sums.get("texas")[3] > 1000, "the test site must strand GPUs: " + sums.get("texas")[3]);
        assertEquals(0, sums.get("cloud")[3]);
    }

    /** Adds [from, to] at the pools' last rows: the draw, priced and weighed by the curves in force. */
    private static void integrate(Map<String, CSVRecord> state, double from, double to, Map<String, double[]> sums) {
        if (to <= from) {
            return;
        }
        Map<String, Double> kwBySite = new HashMap<>();
        for (CSVRecord row : state.values()) {
            double[] draw = DRAW.get(row.get("pool_type"));
            long busy = Long.parseLong(row.get("busy_gpus")) + Long.parseLong(row.get("reserved_gpus"));
            long powered = Long.parseLong(row.get("powered_gpus"));
            long installed = Long.parseLong(row.get("installed_gpus"));
            double kw = busy * draw[0] + Math.max(0, powered - busy) * draw[1];
            kwBySite.merge(row.get("site"), kw, Double::sum);
            sums.computeIfAbsent(row.get("site"), k -> new double[4])[3] += (installed - powered) * (to - from);
        }
        for (Map.Entry<String, Double> site : kwBySite.entrySet()) {
            double[] s = sums.get(site.getKey());
            boolean texas = site.getKey().equals("texas");
            for (double t = from; t < to; ) {
                double next = to;
                for (double step : texas ? new double[] {31 * 24.0, 24 * 24.0} : new double[0]) {
                    if (step > t && step < next) {
                        next = step;
                    }
                }
                double kwh = site.getValue() * (next - t);
                double price = texas ? (t < 31 * 24.0 ? 30 : 55) : 80;
                double intensity = texas ? (t < 24 * 24.0 ? 550 : 300) : 367;
                s[0] += kwh / 1000;
                s[1] += kwh / 1000 * price;
                s[2] += kwh * intensity / 1e6;
                t = next;
            }
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-6 * Math.max(1, Math.abs(expected)), what);
    }
}
