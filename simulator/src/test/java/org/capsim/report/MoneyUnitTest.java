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

    @Test
    void noFiguresKeepTheUnitGiven() {
        SummaryTable.Row spend = new SummaryTable.Row("spend_usd", "spend", 1e-9, "$B");
        assertEquals(spend, SummaryTable.fit(spend, List.of(new Estimate(Double.NaN, 0, 0))));
    }
}
