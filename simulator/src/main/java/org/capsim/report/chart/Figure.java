package org.capsim.report.chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

import org.jfree.chart.JFreeChart;

/**
 * One chart file of a report: one JFreeChart, or a few drawn side by side as small multiples
 * (one per site, one per metric), with the file name, title and caption the page shows.
 *
 * @param name     the file name without extension, e.g. {@code capacity}
 * @param title    a short heading
 * @param caption  one line saying what to read in it
 * @param panels   the charts, drawn left to right then top to bottom
 * @param columns  panels per row
 * @param panelWidth  a panel's width in CSS pixels (PNG files are drawn at twice this)
 * @param panelHeight a panel's height in CSS pixels
 */
public record Figure(String name, String title, String caption, List<JFreeChart> panels, int columns, int panelWidth,
        int panelHeight) {

    public Figure {
        panels = List.copyOf(panels);
        if (panels.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("a figure needs a panel and a column");
        }
    }

    /** A figure of one chart. */
    public static Figure single(String name, String title, String caption, JFreeChart chart, int width, int height) {
        return new Figure(name, title, caption, List.of(chart), 1, width, height);
    }

    public int width() {
        return Math.min(columns, panels.size()) * panelWidth;
    }

    public int height() {
        return rows() * panelHeight;
    }

    private int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    /** Draws every panel in its cell of a {@link #width()} x {@link #height()} canvas. */
    public void draw(Graphics2D g2) {
        g2.setColor(Color.WHITE);
        g2.fillRect(0, 0, width(), height());
        for (int i = 0; i < panels.size(); i++) {
            int column = i % columns;
            int row = i / columns;
            panels.get(i).draw(g2, new Rectangle2D.Double(column * panelWidth, row * panelHeight, panelWidth, panelHeight));
        }
    }
}
