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

    @Test
    void fleetRowsListEachMetricOnceCapsimsFirst() {
        List<SummaryTable.Row> rows = SummaryTable.fleetRows(List.of("counted_jobs", "utilization", "counted_jobs"));
        assertEquals(SummaryTable.FLEET.length + 1, rows.size());
        assertEquals("counted_jobs", rows.get(rows.size() - 1).key());
    }
}
