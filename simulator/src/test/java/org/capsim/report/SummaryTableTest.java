package org.capsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.capsim.metrics.ReplicationResult;
import org.capsim.metrics.Summary;
import org.junit.jupiter.api.Test;

/** The terminal's fleet table shows capsim's metrics and, under their own names, a policy's. */
class SummaryTableTest {

    private static Summary summary(double ownFigure, double idleFigure) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("wait_h_mean", 12.5);
        metrics.put("jobs_arrived", 40.0);
        metrics.put("counted_jobs", ownFigure);
        metrics.put("idle_figure", idleFigure);
        ReplicationResult one = new ReplicationResult(1, metrics, Map.of(), Map.of(), Map.of(), 0, 0);
        return Summary.of(List.of(one, new ReplicationResult(2, metrics, Map.of(), Map.of(), Map.of(), 0, 0)));
    }

    private static String printed(Summary summary) {
        StringWriter out = new StringWriter();
        SummaryTable.print(new PrintWriter(out, true), summary);
        return out.toString();
    }

    @Test
    void aPolicysOwnMetricGetsARowAfterCapsimsUnderItsName() {
        String text = printed(summary(7, 0));
        List<String> lines = text.lines().toList();
        assertEquals("mean wait (h)", lines.get(1).substring(0, 13));
        assertTrue(text.contains("\ncounted_jobs"), text);
        assertTrue(text.indexOf("jobs arrived") < text.indexOf("counted_jobs"), text);
        // like capsim's optional rows, a figure that is 0 throughout is left out
        assertFalse(text.contains("idle_figure"), text);
    }

    /** A limited-demand scenario's summary: its demand rows fleet-wide, a served column per provider, a table per class. */
    @Test
    void demandMetricsGetRowsAColumnAndAClassTableWhenTheSummaryHasThem() {
        Map<String, Double> demand = new LinkedHashMap<>();
        demand.put("jobs_abandoned", 12.0);
        demand.put("jobs_unfunded", 0.0);
        demand.put("wait_h_abandoned_mean", 30.0);
        demand.put("demand_gpu_hours", 4.0e6);
        demand.put("served_gpu_hours", 3.0e6);
        List<ReplicationResult> results = new java.util.ArrayList<>();
        for (int r = 1; r <= 2; r++) {
            Map<String, Double> metrics = new LinkedHashMap<>(demand);
            metrics.put("wait_h_mean", 12.5);
            metrics.put("unserved_share", r == 1 ? 0.2 : 0.3);
            Map<String, Double> provider = new LinkedHashMap<>(Map.of("share_gpu_hours", 1.0, "utilization", 0.5,
                    "gpu_hours", 3.0e6, "spend_usd", 1e9, "served_gpu_hours", 3.0e6));
            results.add(new ReplicationResult(r, metrics, Map.of("frontier", metrics), Map.of("azure", provider), Map.of(),
                    0, 0));
        }
        String text = printed(Summary.of(results));
        assertTrue(text.contains("\njobs abandoned "), text);
        assertTrue(text.contains("\njobs unfunded "), text); // a 0 is news where budgets are set: shown
        assertTrue(text.contains("\nabandoned wait (h)"), text);
        assertTrue(text.contains("\ndemanded GPU-hours (M)"), text);
        // the share in percent with its interval: mean 25 %, t(0.975, 1) x sd / sqrt(2) = 12.706 x 0.05 = 63.5 %
        String share = text.lines().filter(l -> l.startsWith("unserved share (%)")).findFirst().orElseThrow();
        assertTrue(share.contains("25.00") && share.contains("± 63.5"), share);
        assertTrue(text.contains("served (M)"), text);
        String azure = text.lines().filter(l -> l.startsWith("azure")).findFirst().orElseThrow();
        assertTrue(azure.trim().endsWith("3.00"), azure);
        String frontier = text.lines().filter(l -> l.startsWith("frontier")).findFirst().orElseThrow();
        assertTrue(frontier.contains("25.00 ± 63.5"), frontier);

        String plain = printed(summary(7, 0));
        assertFalse(plain.contains("served"), plain);
        assertFalse(plain.contains("abandoned"), plain);
    }

    /** A scenario that reports power: its rows fleet-wide in fitting units, and a block per provider. */
    @Test
    void powerMetricsGetRowsAndAProviderBlockWhenTheSummaryHasThem() {
        Map<String, Double> metrics = new LinkedHashMap<>(Map.of("wait_h_mean", 12.5, "energy_mwh", 4374.0,
                "energy_cost_usd", 131_220.0, "co2_t", 577.8, "power_peak_mw", 29.7, "stranded_gpu_hours", 480_000.0,
                "idle_gpu_hours", 900_000.0));
        Map<String, Double> x = new LinkedHashMap<>(Map.of("share_gpu_hours", 0.5, "utilization", 0.5, "gpu_hours", 3.0e6,
                "spend_usd", 1e9, "energy_mwh", 1926.0, "co2_t", 577.8));
        Map<String, Double> y = new LinkedHashMap<>(Map.of("share_gpu_hours", 0.5, "utilization", 0.5, "gpu_hours", 3.0e6,
                "spend_usd", 1e9, "energy_mwh", 2448.0));
        ReplicationResult one = new ReplicationResult(1, metrics, Map.of(), new LinkedHashMap<>(Map.of("x", x, "y", y)),
                Map.of(), 0, 0);
        String text = printed(Summary.of(List.of(one)));
        // a thousand MWh and more in GWh; below a thousand tonnes in t
        assertTrue(text.lines().anyMatch(l -> l.startsWith("energy (GWh) ") && l.contains(" 4.37 ")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("CO2 (t) ") && l.contains(" 577.8 ")), text);
        assertTrue(text.contains("\nenergy cost ($k)"), text); // $131,220: in $k, not "$M 0.131"
        assertTrue(text.contains("\npeak draw (MW)"), text);
        assertTrue(text.contains("\nstranded GPU-hours (M)"), text);
        String block = text.lines().filter(l -> l.startsWith("provider ") && l.contains("energy (GWh)")).findFirst()
                .orElseThrow(() -> new AssertionError(text));
        assertTrue(block.contains("CO2 (t)"), block);
        String yLine = text.lines().filter(l -> l.startsWith("y ") && l.contains("2.45")).findFirst()
                .orElseThrow(() -> new AssertionError(text));
        assertTrue(yLine.trim().endsWith("n/a"), yLine); // y's sites have no intensity: no CO2

        String plain = printed(summary(7, 0));
        assertFalse(plain.contains("energy"), plain);
    }

    @Test
    void fleetRowsListEachMetricOnceCapsimsFirst() {
        List<SummaryTable.Row> rows = SummaryTable.fleetRows(List.of("counted_jobs", "utilization", "counted_jobs"));
        assertEquals(SummaryTable.FLEET.length + 1, rows.size());
        assertEquals("counted_jobs", rows.get(rows.size() - 1).key());
    }
}
