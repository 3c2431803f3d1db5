package org.capsim.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;

/** Stacked areas: each series sits on the sum of those below it, and the axis spans the whole stack. */
class StackedAreasTest {

    @Test
    void eachSeriesIsFilledBetweenTheStackBelowAndItsOwnTop() {
        DefaultTableXYDataset dataset = new DefaultTableXYDataset();
        XYSeries low = new XYSeries("low", false, false);
        XYSeries high = new XYSeries("high", false, false);
        for (int x = 0; x <= 10; x++) {
            low.add(x, x < 5 ? 1 : 2); // steps up half way
            high.add(x, x == 0 ? Double.NaN : 3); // a missing value counts as zero
        }
        dataset.addSeries(low);
        dataset.addSeries(high);
        StackedAreas renderer = new StackedAreas();
        renderer.setSeriesPaint(0, Color.RED);
        renderer.setSeriesPaint(1, Color.BLUE);
        NumberAxis x = new NumberAxis();
        NumberAxis y = new NumberAxis();
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        assertEquals(5, renderer.findRangeBounds(dataset).getUpperBound(), 1e-12); // 2 + 3 at the right

        BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        ChartRenderingInfo info = new ChartRenderingInfo();
        new JFreeChart(null, null, plot, false).draw(g2, new Rectangle2D.Double(0, 0, 400, 300), info);
        g2.dispose();
        Rectangle2D area = info.getPlotInfo().getDataArea();
        assertEquals(Color.RED.getRGB(), pixel(image, area, x, y, 2, 0.5)); // low alone
        assertEquals(Color.BLUE.getRGB(), pixel(image, area, x, y, 2, 3.5)); // high on top of 1
        assertEquals(Color.RED.getRGB(), pixel(image, area, x, y, 8, 1.5)); // low has stepped up to 2
        assertEquals(Color.BLUE.getRGB(), pixel(image, area, x, y, 8, 4.5)); // high on top of 2
        int above = pixel(image, area, x, y, 2, 4.5); // above the stack: the plot's background
        assertEquals(((Color) plot.getBackgroundPaint()).getRGB(), above);
    }

    private static int pixel(BufferedImage image, Rectangle2D area, NumberAxis x, NumberAxis y, double atX, double atY) {
        int px = (int) Math.round(x.valueToJava2D(atX, area, RectangleEdge.BOTTOM));
        int py = (int) Math.round(y.valueToJava2D(atY, area, RectangleEdge.LEFT));
        return image.getRGB(px, py);
    }
}
