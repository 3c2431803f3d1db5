package org.capsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.capsim.metrics.Estimate;
import org.junit.jupiter.api.Test;

/** Money reads in the unit that fits it: a small cluster's spend is not "$B 0.00002". */
class MoneyUnitTest {

    private static String shown(double usd) {
        SummaryTable.Row spend = new SummaryTable.Row("spend_usd", "spend", 1e-9, "$B");
        SummaryTable.Row row = SummaryTable.fit(spend, List.of(new Estimate(usd, usd / 10, 4), new Estimate(usd / 2, 0, 4)));
        return row.unit() + " " + SummaryTable.number(usd * row.scale());
    }

    @Test
    void spendTakesTheUnitThatPutsItBetweenOneAndAThousand() {
        assertEquals("$ 950.0", shown(950));
        assertEquals("$k 17.60", shown(17_600));
        assertEquals("$M 1.89", shown(1_890_000));
        assertEquals("$B 1.89", shown(1.89e9));
        assertEquals("$B 2,500", shown(2.5e12), "no unit beyond $B");
    }

    /** Sensitivity and Morris tables show a metric as the summary table does: shares in %, GPU-hours in M. */
    @Test
    void studyTablesTakeTheSummaryTablesUnits() {
        assertEquals(new SummaryTable.Unit("%", 100), SummaryTable.unitFor("utilization", 0.153));
        assertEquals(new SummaryTable.Unit("%", 100), SummaryTable.unitFor("unserved_share", 0.4));
        assertEquals(new SummaryTable.Unit("M", 1e-6), SummaryTable.unitFor("gpu_hours", 6.8e7));
        assertEquals(new SummaryTable.Unit("$M", 1e-6), SummaryTable.unitFor("spend_usd", 2.48e8));
        assertEquals(new SummaryTable.Unit("", 1), SummaryTable.unitFor("wait_h_mean", 98.25), "hours as they are");
        assertEquals(new SummaryTable.Unit("", 1), SummaryTable.unitFor("a_policys_own_metric", 3));
    }

    @Test
    void noFiguresKeepTheUnitGiven() {
        SummaryTable.Row spend = new SummaryTable.Row("spend_usd", "spend", 1e-9, "$B");
        assertEquals(spend, SummaryTable.fit(spend, List.of(new Estimate(Double.NaN, 0, 0))));
    }
}
