package org.capsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/** CSV numbers: '.' decimal point, no exponent, at most six decimals, NaN empty. */
class NumTest {

    @Test
    void formats() {
        assertEquals("0", Num.format(0));
        assertEquals("12", Num.format(12.0));
        assertEquals("-3.5", Num.format(-3.5));
        assertEquals("0.000001", Num.format(1e-6));
        assertEquals("0", Num.format(4e-7));
        assertEquals("1234.567891", Num.format(1234.5678905));
        assertEquals("250000000000", Num.format(2.5e11));
        assertEquals("25000000000000000000", Num.format(2.5e19));
        assertEquals("", Num.format(Double.NaN));
        assertEquals("0.1", Num.format(0.1));
    }

    @Test
    void localeDoesNotMatter() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("1.25", Num.format(1.25));
        } finally {
            Locale.setDefault(before);
        }
    }

    /**
     * Law: {@link Num#asWritten} is, bit for bit, what parsing the written text gives (the charts
     * of a run use it for what {@code capsim report} reads back), across magnitudes and signs.
     */
    @Test
    void asWrittenIsWhatReadingTheTextBackGives() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        double[] edges = {0, -0.0, 4e-7, -4e-7, 5e-7, 1e-6, 0.1, 1234.5678905, 9.007e9, 8.999e12, 9e12, 2.5e19, -7.25e15};
        for (double x : edges) {
            check(x);
        }
        for (int i = 0; i < 200_000; i++) {
            double magnitude = Math.pow(10, random.nextDouble(-8, 16));
            check((random.nextBoolean() ? 1 : -1) * magnitude * random.nextDouble());
        }
        assertEquals(Double.NaN, Num.asWritten(Double.NaN));
    }

    private static void check(double x) {
        double read = Double.parseDouble(Num.format(x));
        assertEquals(Double.doubleToLongBits(read), Double.doubleToLongBits(Num.asWritten(x)),
                () -> x + " is written " + Num.format(x));
    }

    /** Law: whole numbers are written as Long.toString writes them, at every length and sign. */
    @Test
    void wholeNumbersAreWrittenAsJavaWritesThem() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        java.util.List<Long> values = new java.util.ArrayList<>(java.util.List.of(0L, 1L, 9L, 10L, 99L, 100L,
                (long) Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, Long.MIN_VALUE, -1L, (long) Integer.MIN_VALUE));
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
            values.addAll(java.util.List.of(p - 1, p, p + 1, -p, 10 * p - 1));
        }
        for (int i = 0; i < 100_000; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }
        byte[] buf = new byte[32];
        for (long v : values) {
            int end = Num.writeLong(buf, 3, v);
            assertEquals(Long.toString(v), new String(buf, 3, end - 3, java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    /** Law: the fast path writes round(x * 1e6) millionths, as BigDecimal writes them, trailing zeros dropped. */
    @Test
    void fastNumbersAreTheirRoundedMillionths() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int i = 0; i < 300_000; i++) {
            double x = (random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextDouble(-7, 12.9)) * random.nextDouble();
            if (i % 7 == 0) {
                x = Math.round(x * 1e3) / 1e3; // fewer decimals, trailing zeros to drop
            }
            long scaled = Math.round(x * 1e6);
            String expected = java.math.BigDecimal.valueOf(scaled).movePointLeft(6).stripTrailingZeros().toPlainString();
            if (scaled == 0) {
                expected = "0";
            }
            assertEquals(expected, Num.format(x), "x = " + x);
        }
    }
}
