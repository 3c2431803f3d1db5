package org.capsim.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.TimeZone;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The one look of every chart: white background, light grid, titles and axes in a sans-serif
 * font large enough to read at laptop size, calendar dates in UTC (a report's dates are calendar
 * days, never shifted by the machine's time zone), and compact numbers ("400K").
 */
final class Style {

    static final String FONT = Font.SANS_SERIF;
    static final Font TITLE = new Font(FONT, Font.BOLD, 15);
    static final Font SUBTITLE = new Font(FONT, Font.PLAIN, 11);
    static final Font AXIS_LABEL = new Font(FONT, Font.PLAIN, 12);
    static final Font TICK = new Font(FONT, Font.PLAIN, 11);
    static final Font LEGEND = new Font(FONT, Font.PLAIN, 11);
    static final Color GRID = new Color(0xDDDDDD);
    static final TimeZone UTC = TimeZone.getTimeZone(ZoneOffset.UTC);

    private Style() {
    }

    /** Applies the look to a chart made by hand (title, optional subtitle, legend). */
    static JFreeChart chart(String title, String subtitle, Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(6, 6, 6, 10));
        if (subtitle != null && !subtitle.isEmpty()) {
            TextTitle sub = new TextTitle(subtitle, SUBTITLE);
            sub.setPaint(Color.DARK_GRAY);
            chart.addSubtitle(sub);
        }
        LegendTitle legendTitle = chart.getLegend();
        if (legendTitle != null) {
            legendTitle.setItemFont(LEGEND);
            legendTitle.setFrame(BlockBorder.NONE);
            legendTitle.setPosition(RectangleEdge.BOTTOM);
            legendTitle.setBackgroundPaint(Color.WHITE);
        }
        return chart;
    }

    static void plot(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(0.7f));
        plot.setRangeGridlineStroke(new BasicStroke(0.7f));
        plot.setOutlineVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    }

    static void plot(CategoryPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(0.7f));
        plot.setOutlineVisible(false);
        plot.getDomainAxis().setTickLabelFont(TICK);
        plot.getDomainAxis().setLabelFont(AXIS_LABEL);
        plot.getRangeAxis().setTickLabelFont(TICK);
        plot.getRangeAxis().setLabelFont(AXIS_LABEL);
    }

    /** A calendar axis in UTC. */
    static DateAxis dateAxis() {
        DateAxis axis = new DateAxis("date", UTC, Locale.ROOT);
        axis.setLabelFont(AXIS_LABEL);
        axis.setTickLabelFont(TICK);
        axis.setLowerMargin(0);
        axis.setUpperMargin(0);
        return axis;
    }

    /** A value axis with compact tick labels ("400K", "1.2M"). */
    static NumberAxis numberAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setLabelFont(AXIS_LABEL);
        axis.setTickLabelFont(TICK);
        axis.setNumberFormatOverride(new AxisNumbers());
        axis.setAutoRangeIncludesZero(true);
        axis.setAutoRangeMinimumSize(1); // all zeros (an empty queue) draws 0 to 1, not ticks of 0 and -0
        return axis;
    }

    /** A value axis for quantities that are never negative (GPUs, jobs, offers): from 0 up. */
    static NumberAxis amountAxis(String label) {
        NumberAxis axis = numberAxis(label);
        axis.setRangeType(org.jfree.data.RangeType.POSITIVE);
        return axis;
    }

    /** A percentage axis from 0 to at least 100 %. */
    static NumberAxis percentAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setLabelFont(AXIS_LABEL);
        axis.setTickLabelFont(TICK);
        axis.setRange(0, 105);
        return axis;
    }
}
