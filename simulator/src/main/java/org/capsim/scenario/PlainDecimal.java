package org.capsim.scenario;

/**
 * Reads a number written as [-+]digits[.digits] with at most 15 significant digits and 22
 * decimals, the form of nearly every number in a trace or a capsim report, several times faster
 * than Double.parseDouble and with the very same result: the digits and the power of ten are
 * both exact as doubles, so one division rounds correctly (Clinger's fast path). Any other form
 * (exponents, spaces, more digits, words) gives NaN, for the caller to parse the slow way.
 */
public final class PlainDecimal {

    /** Powers of ten up to 10^22: all exact as doubles. */
    private static final double[] TENS = new double[23];

    static {
        TENS[0] = 1;
        for (int i = 1; i < TENS.length; i++) {
            TENS[i] = TENS[i - 1] * 10;
        }
    }

    private PlainDecimal() {
    }

    /** The number in {@code text} from {@code from} (inclusive) to {@code to} (exclusive), or NaN. */
    public static double parse(String text, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0; // significant digits, leading zeros not counted
        int decimals = -1; // digits after the point; -1 before a point is seen
        boolean any = false;
        for (; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                any = true;
                if ((mantissa != 0 || c != '0') && ++digits > 15) {
                    return Double.NaN;
                }
                mantissa = mantissa * 10 + (c - '0');
                if (decimals >= 0 && ++decimals > 22) {
                    return Double.NaN;
                }
            } else if (c == '.' && decimals < 0) {
                decimals = 0;
            } else {
                return Double.NaN;
            }
        }
        if (!any) {
            return Double.NaN;
        }
        double value = decimals > 0 ? mantissa / TENS[decimals] : mantissa;
        return negative ? -value : value;
    }
}
