package org.capsim.report;

import java.math.BigDecimal;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * Numbers as capsim writes them in CSV and JSON, the same text on every JDK: '.' as decimal point
 * whatever the locale, no trailing zeros, NaN as an empty field. In CSV a number below 9e12 in
 * size has at most six decimals, written from one rounded long digit by digit (cheap enough for a
 * row per job); a larger one is written with its {@link #shortest} digits, plainly below 1e15 and
 * in scientific notation ({@code 2.4677419368934887e25}, which pandas, Excel and R read as a
 * number) from 1e15 on. JSON numbers are the {@link #shortest} text itself.
 */
public final class Num {

    private static final double SCALE = 1e6;
    private static final double FAST_LIMIT = 9e12; // |x| * 1e6 stays exact in a long
    /** From this size on, a CSV number is written in scientific notation (flops, parameters, tokens). */
    private static final double SCIENTIFIC = 1e15;
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
            out.append(wide(x));
        }
    }

    /**
     * The shortest decimal that reads back as {@code x}, the one nearest {@code x} among those
     * (Raffaello Giulietti's Schubfach, as JDK 19+'s Double.toString): the copy in the Jackson
     * version capsim ships, not the JDK's, so JDK 17's longer digits (2.4677419368934886E25 for
     * 2.4677419368934887E25) never show. Java's layout: {@code 0.002}, {@code 1.0E23}.
     */
    public static String shortest(double x) {
        return NumberOutput.toString(x, true);
    }

    /** A finite number of 9e12 or more in size: its shortest digits, plainly or from 1e15 on as d.ddde25. */
    private static String wide(double x) {
        String text = shortest(x);
        int e = text.indexOf('E'); // always there: Java's layout uses it from 1e7 on
        String mantissa = text.substring(0, e);
        if (Math.abs(x) < SCIENTIFIC) {
            return new BigDecimal(text).stripTrailingZeros().toPlainString(); // exact: a decimal read as written
        }
        return (mantissa.endsWith(".0") ? mantissa.substring(0, mantissa.length() - 2) : mantissa)
                + "e" + text.substring(e + 1);
    }

    /**
     * The value a reader gets back from {@code x} as written: rounded to six decimals. For a
     * {@link #fast} number the text is exactly {@code round(x * 1e6)} millionths, and both this
     * division and parsing that text round the same rational to the nearest double, so they agree
     * bit for bit; a larger number is written with digits that read back as itself, a NaN as nothing.
     */
    public static double asWritten(double x) {
        return fast(x) ? Math.round(x * SCALE) / SCALE : x;
    }

    /** Most bytes {@link #write} writes for any double: a sign, 17 digits, a point, "e" and 3 exponent digits. */
    static final int MAX_LENGTH = 24;

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
