package org.capsim.report.chart;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Tick labels a planner reads at a glance: compact from a thousand up ("400K", "1.2M", "35B"),
 * plain below with up to two decimals ("0.25", "12.5"), '.' as the decimal point in any locale.
 */
final class AxisNumbers extends NumberFormat {

    private static final long serialVersionUID = 1L;

    private final NumberFormat compact;
    private final DecimalFormat plain = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));

    AxisNumbers() {
        compact = NumberFormat.getCompactNumberInstance(Locale.US, NumberFormat.Style.SHORT);
        compact.setMaximumFractionDigits(2);
    }

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        if (number == 0) {
            number = 0; // no "-0" tick
        }
        return Math.abs(number) >= 1000 ? compact.format(number, toAppendTo, pos) : plain.format(number, toAppendTo, pos);
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return format((double) number, toAppendTo, pos);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        return plain.parse(source, parsePosition);
    }
}
