package org.capsim.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.text.TextLine;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;

/** The policy axis of the comparison charts wraps labels between words, never inside one. */
class WholeWordAxisTest {

    private static final List<String> POLICIES = List.of("deal", "exclusive", "rofr", "cheapest", "earliest-start");

    /** Five policies on a panel as narrow as the page's: JFreeChart's own axis breaks inside words there. */
    @Test
    void labelsWrapBetweenWordsWhereTheDefaultAxisBreaksInsideThem() {
        List<List<String>> plain = labels(new CategoryAxis(null), 300);
        assertTrue(plain.stream().anyMatch(lines -> !wholeWords(lines)), "the default axis breaks a word: " + plain);

        List<List<String>> fitted = labels(new WholeWordAxis(null), 300);
        for (int i = 0; i < POLICIES.size(); i++) {
            assertEquals(POLICIES.get(i), String.join("", fitted.get(i)), "the whole label is drawn");
            assertTrue(wholeWords(fitted.get(i)), "lines of whole words: " + fitted);
        }
        assertEquals(List.of("earliest-", "start"), fitted.get(4), "it wraps at the hyphen");
    }

    /** Eight quarters on a half-width panel: JFreeChart cut each to "20..."; here each wraps whole. */
    @Test
    void quartersWrapRatherThanBeCutShort() {
        List<String> quarters = List.of("2025 Q1", "2025 Q2", "2025 Q3", "2025 Q4", "2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4");
        for (CategoryTick tick : ticks(new WholeWordAxis(null), 280, quarters)) {
            List<String> lines = lines(tick).stream().map(line -> line.getFirstTextFragment().getText()).toList();
            assertEquals(tick.getCategory().toString(), String.join("", lines), "the whole label: " + lines);
            assertFalse(String.join("", lines).contains("..."), "not cut short: " + lines);
        }
    }

    /** Where every word fits, labels keep the tick font's size. */
    @Test
    void aWideAxisKeepsTheTickFont() {
        WholeWordAxis axis = new WholeWordAxis(null);
        for (CategoryTick tick : ticks(axis, 1200)) {
            for (TextLine line : lines(tick)) {
                assertEquals(Style.TICK.getSize2D(), line.getFirstTextFragment().getFont().getSize2D());
            }
        }
        WholeWordAxis narrow = new WholeWordAxis(null);
        float size = lines(ticks(narrow, 300).get(1)).get(0).getFirstTextFragment().getFont().getSize2D();
        assertTrue(size < Style.TICK.getSize2D() && size >= WholeWordAxis.SMALLEST, "shrunk on a narrow axis: " + size);
    }

    private static boolean wholeWords(List<String> lines) {
        for (int i = 0; i < lines.size() - 1; i++) {
            if (!lines.get(i).endsWith("-") && !lines.get(i).endsWith(" ")) {
                return false;
            }
        }
        return POLICIES.contains(String.join("", lines).strip());
    }

    /** Each label's lines as text (a line of a created text block is one fragment). */
    private static List<List<String>> labels(CategoryAxis axis, int width) {
        List<List<String>> labels = new ArrayList<>();
        for (CategoryTick tick : ticks(axis, width)) {
            List<String> lines = new ArrayList<>();
            for (TextLine line : lines(tick)) {
                assertEquals(line.getFirstTextFragment(), line.getLastTextFragment(), "one fragment per line");
                lines.add(line.getFirstTextFragment().getText());
            }
            labels.add(lines);
        }
        return labels;
    }

    @SuppressWarnings("unchecked") // JFreeChart's raw lists
    private static List<TextLine> lines(CategoryTick tick) {
        return (List<TextLine>) tick.getLabel().getLines();
    }

    private static List<CategoryTick> ticks(CategoryAxis axis, int width) {
        return ticks(axis, width, POLICIES);
    }

    @SuppressWarnings("unchecked")
    private static List<CategoryTick> ticks(CategoryAxis axis, int width, List<String> categories) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        categories.forEach(category -> dataset.addValue(1.0, "mean", category));
        CategoryPlot plot = new CategoryPlot(dataset, axis, new NumberAxis(), new BarRenderer());
        Style.plot(plot);
        BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g2 = image.createGraphics();
        try {
            return axis.refreshTicks(g2, new AxisState(), new Rectangle2D.Double(0, 0, width, 200), RectangleEdge.BOTTOM);
        } finally {
            g2.dispose();
        }
    }
}
