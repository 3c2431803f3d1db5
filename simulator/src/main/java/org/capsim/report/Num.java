package org.capsim.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers as capsim writes them in CSV: '.' as decimal point whatever the locale, no exponent,
 * at most six decimals, no trailing zeros; NaN as an empty field. Deterministic, and cheap enough
 * for a row per job.
 */
public final class Num {

    private static final double SCALE = 1e6;
    private static final double FAST_LIMIT = 9e12; // |x| * 1e6 stays exact in a long

    private Num() {
    }

    public static String format(double x) {
        StringBuilder out = new StringBuilder(24);
        append(out, x);
        return out.toString();
    }

    public static void append(StringBuilder out, double x) {
        if (Double.isNaN(x)) {
            return;
        }
        if (Double.isInfinite(x)) {
            out.append(x > 0 ? "inf" : "-inf");
            return;
        }
        if (Math.abs(x) >= FAST_LIMIT) {
            out.append(BigDecimal.valueOf(x).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString());
            return;
        }
        long scaled = Math.round(x * SCALE);
        if (scaled < 0) {
            out.append('-');
            scaled = -scaled;
        }
        long whole = scaled / 1_000_000L;
        long fraction = scaled % 1_000_000L;
        out.append(whole);
        if (fraction != 0) {
            out.append('.');
            int digits = 6;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            String text = Long.toString(fraction);
            for (int pad = digits - text.length(); pad > 0; pad--) {
                out.append('0');
            }
            out.append(text);
        }
    }
}
