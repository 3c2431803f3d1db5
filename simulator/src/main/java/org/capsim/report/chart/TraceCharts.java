package org.capsim.report.chart;

import java.awt.Color;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The two charts of {@code capsim trace} (SPEC 6.5): arrivals per week, and jobs and GPU-hours by size. */
public final class TraceCharts {

    private static final Color JOBS = new Color(0x4477AA);
    private static final Color GPU_HOURS = new Color(0xEE6677);

    private TraceCharts() {
    }

    /** Jobs submitted in each week, week 1 starting at the first submission. */
    public static Figure arrivals(long[] perWeek, String subtitle) {
        XYSeries weeks = new XYSeries("jobs submitted");
        for (int i = 0; i < perWeek.length; i++) {
            weeks.add(i + 1, perWeek[i]);
        }
        XYBarRenderer renderer = new XYBarRenderer(0.1);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, JOBS);
        XYPlot plot = new XYPlot(new XYSeriesCollection(weeks), Style.numberAxis("week"), Style.amountAxis("jobs submitted"),
                renderer);
        Style.plot(plot);
        JFreeChart chart = Style.chart("Arrivals per week", subtitle, plot, false);
        return Figure.single("arrivals", "Arrivals per week",
                "Jobs submitted each week from the first submission on: the load a replay brings, and its bursts.",
                chart, 760, 340);
    }

    /**
     * Jobs and GPU-hours by size, each as a share of the trace's.
     *
     * @param labels   the size ranges, e.g. {@code 1}, {@code 3-4}
     * @param jobs     each range's share of the jobs, %
     * @param gpuHours each range's share of the GPU-hours, %
     */
    public static Figure sizes(String[] labels, double[] jobs, double[] gpuHours, String subtitle) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int i = 0; i < labels.length; i++) {
            data.addValue(jobs[i], "jobs", labels[i]);
            data.addValue(gpuHours[i], "GPU-hours", labels[i]);
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        renderer.setSeriesPaint(0, JOBS);
        renderer.setSeriesPaint(1, GPU_HOURS);
        CategoryAxis sizes = new CategoryAxis("GPUs per job");
        sizes.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        CategoryPlot plot = new CategoryPlot(data, sizes, Style.percentAxis("share of the trace (%)"), renderer);
        Style.plot(plot);
        JFreeChart chart = Style.chart("Job sizes", subtitle, plot, true);
        return Figure.single("sizes", "Job sizes",
                "Share of the jobs and of the GPU-hours by GPUs per job: many small jobs, most hours in few large ones.",
                chart, 760, 340);
    }
}
