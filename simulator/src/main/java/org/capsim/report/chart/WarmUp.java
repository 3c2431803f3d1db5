package org.capsim.report.chart;

import java.io.IOException;
import java.io.OutputStream;

import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

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
            drawOrThrow();
        } catch (IOException | RuntimeException | LinkageError | InternalError e) {
            // ignored on purpose: see the class comment
        }
    }

    /**
     * The drawing, with its failures thrown: a test calls this, since {@link #draw} hides them
     * (a warm-up that failed at its first step went unseen for a day, drawing nothing).
     *
     * @return the bytes of the PNG drawn
     */
    static long drawOrThrow() throws IOException {
        // built as the capacity chart of one replication is (TimeCharts): demand as a line drawn
        // as one path, over the providers' stacked areas
        DefaultTableXYDataset stacked = new DefaultTableXYDataset();
        XYSeries demand = new XYSeries("demand");
        for (int s = 0; s < 3; s++) {
            XYSeries series = new XYSeries("provider " + s, true, false);
            for (int i = 0; i < 400; i++) {
                double x = 1.7e12 + i * 3.6e6 * 24;
                series.add(x, 1000 + s * 300 + (i * 37 % 101));
                if (s == 0) {
                    demand.add(x, 2500 + i + (i * 53 % 97));
                }
            }
            stacked.addSeries(series);
        }
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setDrawSeriesLineAsPath(true);
        line.setSeriesPaint(0, Palette.DEMAND);
        line.setSeriesStroke(0, Palette.stroke(0, 2f));
        DateAxis axis = Style.dateAxis();
        XYPlot plot = new XYPlot(new XYSeriesCollection(demand), axis, Style.amountAxis("GPUs"), line);
        plot.setRenderer(1, new StackedAreas()); // before its dataset: the range is found by the renderer
        plot.setDataset(1, stacked);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
        Style.plot(plot);
        // small: what warms is each step done once (classes, fonts, the rasterizer's and the
        // encoder's code), not many pixels; a report-sized one (640 x 360) cost a run more CPU
        // than it saved at the end (1M replay: 4.35 to 4.53 s; this size: 4.73 to 4.50 s)
        Figure figure = Figure.single("warm-up", "warm-up", "", Style.chart("Warm-up", "a throwaway chart", plot, true),
                240, 135);
        CountingStream png = new CountingStream();
        PngEncoder.write(FigureFiles.png(figure), png);
        FigureFiles.svg(figure);
        return png.count;
    }

    /** Counts the bytes written to it, and keeps none. */
    private static final class CountingStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}
