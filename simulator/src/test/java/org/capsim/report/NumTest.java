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
        assertEquals("2.5e19", Num.format(2.5e19));
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

    /**
     * Values whose text differs between JDKs' Double.toString (17 against 19+: 1.0E23,
     * 2.4677419368934887E25, 2.0E-3 in older ones), the ends of the double range and the
     * boundaries of the CSV layouts, each written one fixed way.
     */
    @Test
    void trickyValuesAreWrittenOneFixedWay() {
        Object[][] csv = {{2.0E-3, "0.002"}, {1.0E23, "1e23"}, {2.4677419368934887E25, "2.4677419368934887e25"},
            {5e-324, "0"}, {Double.MAX_VALUE, "1.7976931348623157e308"}, {-Double.MAX_VALUE, "-1.7976931348623157e308"},
            {9e12, "9000000000000"}, {1.2345678901234567e13, "12345678901234.566"}, {999999999999999.9, "999999999999999.9"},
            {1e15, "1e15"}, {-7.25e15, "-7.25e15"}, {Double.POSITIVE_INFINITY, "inf"}, {Double.NEGATIVE_INFINITY, "-inf"}};
        for (Object[] c : csv) {
            assertEquals(c[1], Num.format((double) c[0]), () -> "CSV text of " + c[0]);
        }
        Object[][] json = {{2.0E-3, "0.002"}, {1.0E23, "1.0E23"}, {2.4677419368934887E25, "2.4677419368934887E25"},
            {5e-324, "4.9E-324"}, {Double.MIN_NORMAL, "2.2250738585072014E-308"}, {Double.MAX_VALUE, "1.7976931348623157E308"},
            {0.1, "0.1"}, {1e-5, "1.0E-5"}, {1e7, "1.0E7"}, {2e22, "2.0E22"}, {-0.0, "-0.0"}, {100.0, "100.0"}};
        for (Object[] c : json) {
            assertEquals(c[1], Num.shortest((double) c[0]), () -> "JSON text of " + c[0]);
        }
    }

    /**
     * Law: over random doubles of every magnitude (random bit patterns), the shortest text reads
     * back as the same double, and so does the CSV text of every number at least 9e12 in size;
     * and no CSV text is longer than {@link Num#MAX_LENGTH}.
     */
    @Test
    void textReadsBackExactly() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(25);
        byte[] buf = new byte[Num.MAX_LENGTH];
        for (int i = 0; i < 500_000; i++) {
            double x = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(x)) {
                continue;
            }
            String shortest = Num.shortest(x);
            assertEquals(Double.doubleToLongBits(x), Double.doubleToLongBits(Double.parseDouble(shortest)), shortest);
            int length = Num.write(buf, 0, x);
            String csv = new String(buf, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals(Num.format(x), csv);
            if (!Num.fast(x) && Double.isFinite(x)) {
                assertEquals(x, Double.parseDouble(csv), csv);
            }
        }
    }

    /** Law: on a JDK whose Double.toString is the shortest (19+), the JSON text is exactly it. */
    @Test
    void shortestIsWhatNewerJdksWrite() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 19,
                "JDK 17's Double.toString is not always the shortest: nothing to compare against");
        java.util.SplittableRandom random = new java.util.SplittableRandom(19);
        for (int i = 0; i < 500_000; i++) {
            double x = Double.longBitsToDouble(random.nextLong());
            assertEquals(Double.toString(x), Num.shortest(x));
        }
    }
}
