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

    /** Most bytes {@link #write} writes for any double (a sign and 309 digits for the largest; "-inf"). */
    static final int MAX_LENGTH = 330;

    /**
     * Writes {@code x} as {@link #append} does, as ASCII into {@code buf} from {@code pos} (room
     * for {@link #MAX_LENGTH} bytes); returns the end.
     */
    static int write(byte[] buf, int pos, double x) {
        if (fast(x)) {
            return writeFast(buf, pos, x);
        }
        if (Double.isNaN(x)) {
            return pos;
        }
        String text = format(x);
        for (int i = 0; i < text.length(); i++) {
            buf[pos++] = (byte) text.charAt(i); // digits, '-', '.' or "inf"
        }
        return pos;
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
        int fraction = (int) (scaled % 1_000_000L);
        if (fraction != 0) {
            // all six decimals, two per lookup, then the trailing zeros taken off again
            buf[pos] = '.';
            int high = fraction / 10_000;
            int rest = fraction - high * 10_000;
            int middle = rest / 100;
            int low = rest - middle * 100;
            buf[pos + 1] = PAIRS[2 * high];
            buf[pos + 2] = PAIRS[2 * high + 1];
            buf[pos + 3] = PAIRS[2 * middle];
            buf[pos + 4] = PAIRS[2 * middle + 1];
            buf[pos + 5] = PAIRS[2 * low];
            buf[pos + 6] = PAIRS[2 * low + 1];
            pos += 7;
            while (buf[pos - 1] == '0') {
                pos--;
            }
        }
        return pos;
    }

    /** "00" to "99": two digits per division when writing whole numbers. */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
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
        if (value <= Integer.MAX_VALUE) {
            return writeInt(buf, pos, (int) value);
        }
        int length = 10; // above Integer.MAX_VALUE: at least 10 digits
        for (long bound = 10_000_000_000L; length < 19 && value >= bound; bound *= 10) {
            length++;
        }
        int end = pos + length;
        int i = end;
        while (value > Integer.MAX_VALUE) {
            int pair = (int) (value % 100);
            value /= 100;
            buf[--i] = PAIRS[2 * pair + 1];
            buf[--i] = PAIRS[2 * pair];
        }
        writeIntBackwards(buf, i, (int) value);
        return end;
    }

    /** Writes a non-negative int; returns the end. */
    private static int writeInt(byte[] buf, int pos, int value) {
        int length = 1;
        for (int bound = 10; length < 10 && value >= bound; bound *= 10) {
            length++;
        }
        int end = pos + length;
        writeIntBackwards(buf, end, value);
        return end;
    }

    /** Writes a non-negative int's digits so that they end just before {@code end}. */
    private static void writeIntBackwards(byte[] buf, int end, int value) {
        int i = end;
        while (value >= 100) {
            int pair = value % 100;
            value /= 100;
            buf[--i] = PAIRS[2 * pair + 1];
            buf[--i] = PAIRS[2 * pair];
        }
        if (value >= 10) {
            buf[--i] = PAIRS[2 * value + 1];
            buf[--i] = PAIRS[2 * value];
        } else {
            buf[--i] = (byte) ('0' + value);
        }
    }
}
