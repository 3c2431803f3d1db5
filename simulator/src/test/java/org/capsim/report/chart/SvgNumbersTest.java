package org.capsim.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleFunction;

import org.jfree.svg.SVGUtils;
import org.junit.jupiter.api.Test;

/** Our SVG number writer gives, character for character, what JFreeSVG's DecimalFormat converter gives. */
class SvgNumbersTest {

    @Test
    void writesWhatJFreeSvgsConverterWrites() {
        for (int decimals = 1; decimals <= 6; decimals++) {
            DoubleFunction<String> expected = SVGUtils.createDoubleConverter(decimals);
            SvgNumbers ours = new SvgNumbers(decimals);
            for (double value : values(decimals)) {
                int d = decimals;
                assertEquals(expected.apply(value), ours.apply(value), () -> d + " decimals: " + value);
            }
        }
    }

    /** Edges, exact and inexact ties at the last decimal, and random coordinates at every scale. */
    private static List<Double> values(int decimals) {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 0.125, 0.375, -0.125, 2.675, 1.005,
                0.045, 1e-9, -1e-9, 0.0049999999, 0.005, -0.005, 123456.785, 0x1p52, -0x1p52, 0x1p60, 1e300, Double.MIN_VALUE,
                Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 99.995, 99.999999, 9.5e-7));
        double unit = Math.pow(10, -decimals);
        Random random = new Random(20251130L + decimals);
        for (int i = 0; i < 40_000; i++) {
            long k = random.nextInt(2_000_000) - 1_000_000;
            values.add((k + 0.5) * unit); // near a tie, on one side or the other of the exact half
            values.add(Math.scalb(k + 0.5, -random.nextInt(8))); // exact binary ties where they exist
            values.add((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(14) - 3));
            values.add(Math.nextUp((k + 0.5) * unit));
            values.add(Math.nextDown((k + 0.5) * unit));
        }
        return values;
    }

    @Test
    void decimalsOutsideOneToSixAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SvgNumbers(0));
        assertThrows(IllegalArgumentException.class, () -> new SvgNumbers(7));
    }
}
