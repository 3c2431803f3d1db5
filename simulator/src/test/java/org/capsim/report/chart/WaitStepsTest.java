package org.capsim.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.capsim.report.data.Cdf;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;

/** A wait distribution is drawn as the step function it is. */
class WaitStepsTest {

    private static List<String> points(XYSeries series) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < series.getItemCount(); i++) {
            out.add(series.getX(i) + ":" + series.getY(i));
        }
        return out;
    }

    /** Half the jobs waited 0 h, the rest a week for a ROFR answer: flat at 49 % up to 168 h, then up. */
    @Test
    void betweenTwoWaitsTheShareStaysFlat() {
        Cdf cdf = new Cdf(new double[] {0, 168, 200}, new double[] {0.49, 0.98, 1.0}, 100);
        assertEquals(List.of("0.1:49.0", "168.0:49.0", "168.0:98.0", "200.0:98.0", "200.0:100.0"),
                points(WaitCharts.series("deal", cdf)));
    }

    /** No job waited under a week: the curve rises from 0 % at 168 h instead of starting at 100 %. */
    @Test
    void aDistributionWithNoShortWaitsRisesFromZero() {
        Cdf cdf = new Cdf(new double[] {168, 168}, new double[] {1.0, 1.0}, 10);
        assertEquals(List.of("168.0:0.0", "168.0:100.0", "168.0:100.0"), points(WaitCharts.series("rofr", cdf)));
        assertEquals(List.of(), points(WaitCharts.series("none", new Cdf(new double[0], new double[0], 0))));
    }
}
