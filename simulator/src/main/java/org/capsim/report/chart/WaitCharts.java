package org.capsim.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.capsim.report.data.Cdf;
import org.capsim.report.data.JobFigures;
import org.capsim.report.data.ReportData;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The distribution of waits (an empirical CDF over all replications) on a log scale of hours:
 * the share of started jobs that waited at most x hours.
 */
final class WaitCharts {

    /** Waits below this are drawn at it: a log axis has no zero, and shorter waits do not matter to a planner. */
    static final double SHORTEST = 0.1;

    private final ReportData data;
    private final Palette palette;

    WaitCharts(ReportData data, Palette palette) {
        this.data = data;
        this.palette = palette;
    }

    /**
     * Panels by provider and by class (and, comparing, by policy first). Comparing, a provider's or
     * class's line has its colour and the policy's dash.
     */
    Figure waits() {
        List<JFreeChart> panels = new ArrayList<>();
        if (data.comparing()) {
            XYSeriesCollection fleet = new XYSeriesCollection();
            XYLineAndShapeRenderer renderer = renderer();
            int k = 0;
            for (String policy : data.policies()) {
                JobFigures jobs = data.jobs().get(policy);
                if (jobs != null) {
                    fleet.addSeries(series(policy, jobs.waits()));
                    style(renderer, k++, palette.policy(policy), palette.policyStroke(policy, 1.8f));
                }
            }
            panels.add(chart("Waits by policy (all jobs)", fleet, renderer));
        }
        panels.add(grouped("Waits by provider that ran the job", JobFigures::waitsByProvider, palette::provider,
                data::providerName));
        panels.add(grouped("Waits by workload class", JobFigures::waitsByClass, palette::workloadClass, name -> name));
        String caption = "Share of started jobs (arrived after the warm-up, all replications pooled) that waited at most "
                + "x hours; waits under " + SHORTEST + " h are drawn at " + SHORTEST + " h. Further right = longer waits.";
        return new Figure("waits", "Distribution of waits", caption + (data.comparing() ? " Dashes tell policies apart." : ""),
                panels, data.comparing() ? 3 : 2, data.comparing() ? 400 : 520, 380);
    }

    private JFreeChart grouped(String title, java.util.function.Function<JobFigures, Map<String, Cdf>> groups,
            java.util.function.Function<String, Color> color, java.util.function.Function<String, String> label) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = renderer();
        int k = 0;
        for (String policy : data.policies()) {
            JobFigures jobs = data.jobs().get(policy);
            if (jobs == null) {
                continue;
            }
            for (Map.Entry<String, Cdf> group : groups.apply(jobs).entrySet()) {
                String name = label.apply(group.getKey()) + (data.comparing() ? " - " + policy : "");
                dataset.addSeries(series(name, group.getValue()));
                style(renderer, k++, color.apply(group.getKey()),
                        data.comparing() ? palette.policyStroke(policy, 1.6f) : Palette.stroke(0, 1.8f));
            }
        }
        return chart(title, dataset, renderer);
    }

    private static XYSeries series(String name, Cdf cdf) {
        XYSeries series = new XYSeries(name, false, true);
        for (int k = 0; k < cdf.values().length; k++) {
            series.add(Math.max(SHORTEST, cdf.values()[k]), cdf.probability()[k] * 100);
        }
        return series;
    }

    private static JFreeChart chart(String title, XYSeriesCollection dataset, XYLineAndShapeRenderer renderer) {
        LogAxis x = new LogAxis("wait (hours, log scale)");
        x.setSmallestValue(SHORTEST);
        // ticks at powers of ten (0.1, 1, 10, 100 h...), not at 10^2.5 = 316.2
        x.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1), false, false);
        x.setAutoTickUnitSelection(false);
        x.setNumberFormatOverride(new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        x.setLabelFont(Style.AXIS_LABEL);
        x.setTickLabelFont(Style.TICK);
        XYPlot plot = new XYPlot(dataset, x, Style.percentAxis("jobs that waited at most x (%)"), renderer);
        Style.plot(plot);
        plot.setNoDataMessage("no job started");
        JFreeChart chart = Style.chart(title, null, plot, true);
        chart.getTitle().setFont(Style.AXIS_LABEL.deriveFont(java.awt.Font.BOLD));
        return chart;
    }

    private static XYLineAndShapeRenderer renderer() {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDefaultStroke(new BasicStroke(1.8f));
        // each curve as one path, not a line per step: its corners are joined as the stroke says
        // (not overlapping caps), the SVG has one element per curve instead of one per step, and
        // the rasterizer strokes one shape instead of hundreds
        renderer.setDrawSeriesLineAsPath(true);
        return renderer;
    }

    private static void style(XYLineAndShapeRenderer renderer, int series, Color color, Stroke stroke) {
        renderer.setSeriesPaint(series, color);
        renderer.setSeriesStroke(series, stroke);
    }
}
