package org.capsim.report.chart;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Writes an SVG's coordinates with at most a given number of decimals, character for character
 * as JFreeSVG's own converter ({@code DecimalFormat("0.##")}, US symbols, half-even rounding of
 * the exact binary value, "-0" for a negative value that rounds to zero), without DecimalFormat.
 * A chart's SVG holds tens of thousands of numbers: through DecimalFormat they were a fifth of
 * drawing the charts, and compiling DecimalFormat's code took the JIT half a second of a core
 * in a million-job run.
 *
 * <p>Not for several threads at once: one per SVG document, as the graphics it serves.
 */
final class SvgNumbers implements DoubleFunction<String> {

    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};
    /** Below this, a scaled value is an exact double and its integer part fits a long with room. */
    private static final double EXACT_LIMIT = 0x1p52;

    private final int decimals;
    private final double scale;
    /** For what the fast path does not cover: infinities, NaN, huge values. */
    private final DecimalFormat fallback;
    private final StringBuilder text = new StringBuilder(32);

    /** @param decimals the most decimals written, 1 to 6 */
    SvgNumbers(int decimals) {
        if (decimals < 1 || decimals >= POWERS.length) {
            throw new IllegalArgumentException("decimals: " + decimals);
        }
        this.decimals = decimals;
        this.scale = POWERS[decimals];
        this.fallback = new DecimalFormat("0." + "#".repeat(decimals), DecimalFormatSymbols.getInstance(Locale.US));
    }

    @Override
    public String apply(double value) {
        double magnitude = Math.abs(value);
        double scaled = magnitude * scale;
        if (!(scaled < EXACT_LIMIT)) { // also NaN
            return fallback.format(value);
        }
        // round the exact product half-even: the product as a double is off by at most half an
        // ulp, which moves it across a half only when it lands exactly on one; then the error
        // (exact, from fma) says on which side the true value lies
        double rounded = Math.rint(scaled);
        if (Math.abs(scaled - rounded) == 0.5) {
            double error = Math.fma(magnitude, scale, -scaled);
            if (error > 0) {
                rounded = Math.floor(scaled) + 1;
            } else if (error < 0) {
                rounded = Math.floor(scaled);
            }
        }
        long units = (long) rounded;
        long power = POWERS[decimals];
        long whole = units / power;
        long fraction = units % power;
        StringBuilder out = text;
        out.setLength(0);
        if (value < 0 || (value == 0 && 1 / value < 0)) {
            out.append('-');
        }
        out.append(whole);
        if (fraction != 0) {
            int digits = decimals;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            out.append('.');
            for (long p = POWERS[digits - 1]; p > fraction && p > 1; p /= 10) {
                out.append('0');
            }
            out.append(fraction);
        }
        return out.toString();
    }
}
