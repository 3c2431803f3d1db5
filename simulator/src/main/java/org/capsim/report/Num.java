package org.capsim.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers as capsim writes them in CSV: '.' as decimal point whatever the locale, no exponent,
 * at most six decimals, no trailing zeros; NaN as an empty field. Deterministic, and cheap enough
 * for a row per job: numbers below 9e12 are written from one rounded long, digit by digit.
 */
public final class Num {

    private static final double SCALE = 1e6;
    private static final double FAST_LIMIT = 9e12; // |x| * 1e6 stays exact in a long
    /** Most bytes {@link #writeFast} writes: a sign, 13 digits, a point and 6 decimals. */
    static final int FAST_LENGTH = 21;

    private Num() {
    }

    public static String format(double x) {
        StringBuilder out = new StringBuilder(24);
        append(out, x);
        return out.toString();
    }

    public static void append(StringBuilder out, double x) {
        if (fast(x)) {
            byte[] digits = new byte[FAST_LENGTH];
            int n = writeFast(digits, 0, x);
            for (int i = 0; i < n; i++) {
                out.append((char) digits[i]);
            }
        } else if (Double.isInfinite(x)) {
            out.append(x > 0 ? "inf" : "-inf");
        } else if (!Double.isNaN(x)) {
            out.append(BigDecimal.valueOf(x).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString());
        }
    }

    /**
     * The value a reader gets back from {@code x} as written: rounded to six decimals. For a
     * {@link #fast} number the text is exactly {@code round(x * 1e6)} millionths, and both this
     * division and parsing that text round the same rational to the nearest double, so they agree
     * bit for bit; a larger number is written with all its digits, a NaN as nothing.
     */
    public static double asWritten(double x) {
        return fast(x) ? Math.round(x * SCALE) / SCALE : x;
    }

    /** Whether {@link #writeFast} can write {@code x} (finite, below 9e12 in size). */
    static boolean fast(double x) {
        return Math.abs(x) < FAST_LIMIT; // false for NaN and infinities
    }

    /** Writes a {@link #fast} number as ASCII into {@code buf} from {@code pos}; returns the end. */
    static int writeFast(byte[] buf, int pos, double x) {
        long scaled = Math.round(x * SCALE);
        if (scaled < 0) {
            buf[pos++] = '-';
            scaled = -scaled;
        }
        pos = writeLong(buf, pos, scaled / 1_000_000L);
        long fraction = scaled % 1_000_000L;
        if (fraction != 0) {
            buf[pos++] = '.';
            int digits = 6;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            for (int i = digits - 1; i >= 0; i--) {
                buf[pos + i] = (byte) ('0' + fraction % 10);
                fraction /= 10;
            }
            pos += digits;
        }
        return pos;
    }

    /** Writes a whole number as ASCII into {@code buf} from {@code pos} (room for 20 bytes); returns the end. */
    static int writeLong(byte[] buf, int pos, long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                byte[] text = Long.toString(value).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                System.arraycopy(text, 0, buf, pos, text.length);
                return pos + text.length;
            }
            buf[pos++] = '-';
            value = -value;
        }
        int length = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            length++;
        }
        for (int i = pos + length - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return pos + length;
    }
}
