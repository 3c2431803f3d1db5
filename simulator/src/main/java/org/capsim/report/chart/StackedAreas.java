package org.capsim.report.chart;

import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYAreaRenderer2;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.Range;
import org.jfree.data.general.DatasetUtils;
import org.jfree.data.xy.TableXYDataset;
import org.jfree.data.xy.XYDataset;

/**
 * Stacked areas, one filled shape per series: between the sum of the series below it and that sum
 * plus its own values, joined point to point. JFreeChart's StackedXYAreaRenderer2 fills a small
 * polygon per item, 400 anti-aliased fills per provider at twice the size, which was 60 % of the
 * time of drawing all the charts; its StackedXYAreaRenderer draws wrong stacks where a series
 * starts above zero. Vertical plots of a {@link TableXYDataset} only (all capsim draws); missing
 * values count as zero.
 */
final class StackedAreas extends XYAreaRenderer2 {

    private static final long serialVersionUID = 1L;

    @Override
    public Range findRangeBounds(XYDataset dataset) {
        return dataset == null ? null : DatasetUtils.findStackedRangeBounds((TableXYDataset) dataset);
    }

    @Override
    public int getPassCount() {
        return 1;
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
            XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
            CrosshairState crosshairState, int pass) {
        int items = dataset.getItemCount(series);
        if (item != items - 1 || !getItemVisible(series, item)) {
            return; // the whole series is drawn once, at its last item
        }
        RectangleEdge xEdge = plot.getDomainAxisEdge();
        RectangleEdge yEdge = plot.getRangeAxisEdge();
        Path2D.Double area = new Path2D.Double(Path2D.WIND_NON_ZERO, 2 * items + 1);
        for (int i = 0; i < items; i++) { // the top edge, left to right
            double x = domainAxis.valueToJava2D(dataset.getXValue(series, i), dataArea, xEdge);
            double y = rangeAxis.valueToJava2D(below(dataset, series, i) + value(dataset, series, i), dataArea, yEdge);
            if (i == 0) {
                area.moveTo(x, y);
            } else {
                area.lineTo(x, y);
            }
        }
        for (int i = items - 1; i >= 0; i--) { // the bottom edge (the series below's top), right to left
            double x = domainAxis.valueToJava2D(dataset.getXValue(series, i), dataArea, xEdge);
            area.lineTo(x, rangeAxis.valueToJava2D(below(dataset, series, i), dataArea, yEdge));
        }
        area.closePath();
        g2.setPaint(getItemPaint(series, item));
        g2.fill(area);
    }

    /** The sum of the series below {@code series} at item {@code i}. */
    private static double below(XYDataset dataset, int series, int i) {
        double sum = 0;
        for (int s = 0; s < series; s++) {
            sum += value(dataset, s, i);
        }
        return sum;
    }

    private static double value(XYDataset dataset, int series, int i) {
        double y = dataset.getYValue(series, i);
        return Double.isNaN(y) ? 0 : y;
    }
}
