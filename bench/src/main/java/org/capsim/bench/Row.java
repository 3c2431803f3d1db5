package org.capsim.bench;

import java.util.Locale;

/**
 * One line of the benchmark table: what is measured, the yardstick, capsim's figure and the
 * target it is checked against (a miss is printed, not hidden in a test).
 */
record Row(String what, String reference, String capsim, String target) {

    /** A ratio and its upper target, flagged when missed. */
    static String ratio(double ratio, double target) {
        return ratio(ratio, target, "");
    }

    /** A ratio and its upper target, flagged when missed; {@code note} goes inside the brackets. */
    static String ratio(double ratio, double target, String note) {
        return String.format(Locale.ROOT, "%.2fx (target <= %sx%s)%s", ratio, java.math.BigDecimal.valueOf(target).stripTrailingZeros().toPlainString(), note,
                ratio <= target ? "" : "  MISSED");
    }
}
