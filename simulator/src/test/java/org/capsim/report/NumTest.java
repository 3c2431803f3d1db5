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
}
