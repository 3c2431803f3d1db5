package org.capsim.report.chart;

import java.awt.BasicStroke;
import java.io.IOException;
import java.io.OutputStream;

import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Draws a throwaway chart, like the report's, as PNG and SVG, to nowhere: done on a background
 * thread early in a run (org.capsim.cli.WarmStart). A JVM's first chart is slow (fonts, Java2D's
 * rasterizer and JFreeChart loaded, interpreted and compiled: about a second per figure at
 * first, a tenth after); warming up while a core is idle shortens the charts step at the end.
 * Nothing is written, and a failure here changes nothing: the real drawing reports its own.
 */
public final class WarmUp {

    private WarmUp() {
    }

    /** Draws the throwaway chart on the calling thread; never throws. */
    public static void draw() {
        try {
            DefaultTableXYDataset stacked = new DefaultTableXYDataset();
            YIntervalSeries line = new YIntervalSeries("demand");
            for (int s = 0; s < 3; s++) {
                XYSeries series = new XYSeries("provider " + s, true, false);
                for (int i = 0; i < 400; i++) {
                    double x = 1.7e12 + i * 3.6e6 * 24;
                    series.add(x, 1000 + s * 300 + (i * 37 % 101));
                    if (s == 0) {
                        line.add(x, 2500 + i, 2400 + i, 2600 + i);
                    }
                }
                stacked.addSeries(series);
            }
            DateAxis axis = Style.dateAxis();
            XYPlot plot = new XYPlot(stacked, axis, Style.amountAxis("GPUs"), new StackedAreas());
            DeviationRenderer band = new DeviationRenderer(true, false);
            band.setDefaultStroke(new BasicStroke(1.5f));
            plot.setDataset(1, new YIntervalSeriesCollection());
            ((YIntervalSeriesCollection) plot.getDataset(1)).addSeries(line);
            plot.setRenderer(1, band);
            Style.plot(plot);
            Figure figure = Figure.single("warm-up", "warm-up", "", Style.chart("Warm-up", "a throwaway chart", plot, true),
                    640, 360);
            PngEncoder.write(FigureFiles.png(figure), OutputStream.nullOutputStream());
            FigureFiles.svg(figure);
        } catch (IOException | RuntimeException | LinkageError | InternalError e) {
            // ignored on purpose: see the class comment
        }
    }
}
