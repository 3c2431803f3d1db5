package org.capsim.report.chart;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.regex.Pattern;

import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.text.G2TextMeasurer;
import org.jfree.chart.text.TextBlock;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A category axis (policy names, quarters) that wraps its labels between words only. JFreeChart
 * breaks a word wider than its category inside the word ("exclusi / ve" under five policies) or
 * cuts a label short ("20..." for "2025 Q1" on a half-width panel); here every label of the axis
 * is drawn in one smaller font instead, the largest in which the widest word of any label fits,
 * in steps of half a point down to {@link #SMALLEST} points.
 */
final class WholeWordAxis extends CategoryAxis {

    private static final long serialVersionUID = 1L;

    /** The smallest font size it shrinks to; a word that does not fit even then is broken as before. */
    static final float SMALLEST = 7f;

    /** Where a label may wrap: at spaces, and after a hyphen ("earliest-" / "start"). */
    private static final Pattern WORD_ENDS = Pattern.compile("\\s+|(?<=-)");

    WholeWordAxis(String label) {
        super(label);
        setMaximumCategoryLabelLines(2);
        // a label may reach a little into the gaps beside its category (with the default margins
        // a gap is at least a quarter of a category's width), leaving neighbours apart
        setMaximumCategoryLabelWidthRatio(1.1f);
    }

    @Override
    protected TextBlock createLabel(Comparable category, float width, RectangleEdge edge, Graphics2D g2) {
        Font font = fitted(getTickLabelFont(category), width, g2);
        Font before = g2.getFont();
        g2.setFont(font); // the measurer measures in the graphics' font, not the block's
        try {
            return TextUtils.createTextBlock(category.toString(), font, getTickLabelPaint(category), width,
                    getMaximumCategoryLabelLines(), new G2TextMeasurer(g2));
        } finally {
            g2.setFont(before);
        }
    }

    /** The tick font, made smaller where the widest word of the axis's labels is wider than {@code width}. */
    private Font fitted(Font font, float width, Graphics2D g2) {
        if (!(getPlot() instanceof CategoryPlot plot)) {
            return font;
        }
        Font shrunk = font;
        // widths do not scale exactly with the size (hinting), so step down until the widest fits
        while (widestWord(plot, g2.getFontMetrics(shrunk)) > width && shrunk.getSize2D() > SMALLEST) {
            shrunk = shrunk.deriveFont(Math.max(SMALLEST, shrunk.getSize2D() - 0.5f));
        }
        return shrunk;
    }

    private int widestWord(CategoryPlot plot, FontMetrics metrics) {
        int widest = 0;
        for (Object category : plot.getCategoriesForAxis(this)) {
            for (String word : WORD_ENDS.split(category.toString())) {
                widest = Math.max(widest, metrics.stringWidth(word));
            }
        }
        return widest;
    }
}
