package org.capsim.report.chart;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The warm-up chart draws, whole: {@link WarmUp#draw} hides its failures on purpose, so a
 * warm-up broken by a change to the chart code would otherwise go on costing time and warming
 * nothing.
 */
class WarmUpTest {

    @Test
    void drawsAPngAndAnSvg() throws Exception {
        long bytes = WarmUp.drawOrThrow();
        assertTrue(bytes > 10_000, "the warm-up's PNG has only " + bytes + " bytes");
    }
}
