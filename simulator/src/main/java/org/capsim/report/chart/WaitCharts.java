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
import java.util.function.Function;

import org.capsim.report.data.Cdf;
import org.capsim.report.data.DemandOutcomes;
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
 * the share of started jobs that waited at most x hours. Where jobs gave up waiting, each line's
 * legend gives the share of its jobs abandoned, and a last panel the abandoned jobs' waits.
 */
final class WaitCharts {

    /** Waits below this are drawn at it: a log axis has no zero, and shorter waits do not matter to a planner. */
    static final double SHORTEST = 0.1;

    private static final String ABANDONED_AXIS = "abandoned jobs that waited at most x (%)";

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
        boolean abandoned = data.jobs().values().stream().anyMatch(jobs -> jobs.outcomes().anyAbandoned());
        if (data.comparing()) {
            XYSeriesCollection fleet = new XYSeriesCollection();
            XYLineAndShapeRenderer renderer = renderer();
            int k = 0;
            for (String policy : data.policies()) {
                JobFigures jobs = data.jobs().get(policy);
                if (jobs != null) {
                    fleet.addSeries(series(policy + abandonedNote(abandoned, jobs.outcomes().abandoned()), jobs.waits()));
                    style(renderer, k++, palette.policy(policy), palette.policyStroke(policy, 1.8f));
                }
            }
            panels.add(chart("Waits by policy (all jobs)", fleet, renderer, "jobs that waited at most x (%)"));
        }
        panels.add(grouped("Waits by provider that ran the job", JobFigures::waitsByProvider, palette::provider,
                data::providerName, abandoned ? jobs -> jobs.outcomes().byProvider() : null));
        panels.add(grouped("Waits by workload class", JobFigures::waitsByClass, palette::workloadClass, name -> name,
                abandoned ? jobs -> jobs.outcomes().byClass() : null));
        if (abandoned) {
            panels.add(abandonedAxes(data.comparing()
                    ? abandonedByPolicy()
                    : grouped("Waits of abandoned jobs, by class", jobs -> jobs.outcomes().waitsByClass(),
                            palette::workloadClass, name -> name, null)));
        }
        String caption = "Share of started jobs (arrived after the warm-up, all replications pooled) that waited at most "
                + "x hours; waits under " + SHORTEST + " h are drawn at " + SHORTEST + " h. Further right = longer waits.";
        if (abandoned) {
            caption += " In brackets: the share of the line's jobs that gave up waiting (abandoned; by provider, those "
                    + "that left its queue); the last panel: how long the abandoned jobs waited before they left.";
        }
        return new Figure("waits", "Distribution of waits", caption + (data.comparing() ? " Dashes tell policies apart." : ""),
                panels, data.comparing() ? (abandoned ? 2 : 3) : 2, data.comparing() ? (abandoned ? 520 : 400) : 520, 380);
    }

    /**
     * The abandoned jobs' panel: its y axis says so, and its x axis runs from a power of ten to
     * another, as their waits often lie within one decade (patience of days), where an axis ticked
     * at powers of ten would show no tick at all.
     */
    private static JFreeChart abandonedAxes(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        plot.getRangeAxis().setLabel(ABANDONED_AXIS);
        org.jfree.data.Range range = org.jfree.data.general.DatasetUtils.findDomainBounds(plot.getDataset(), false);
        if (range != null) {
            double low = Math.pow(10, Math.floor(Math.log10(range.getLowerBound())));
            double high = Math.pow(10, Math.ceil(Math.log10(range.getUpperBound() * 1.0001)));
            plot.getDomainAxis().setRange(low / 1.5, high * 1.5); // a margin, so the end ticks' labels show in full
        }
        return chart;
    }

    /** The waits of the abandoned jobs, a line per policy. */
    private JFreeChart abandonedByPolicy() {
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = renderer();
        int k = 0;
        for (String policy : data.policies()) {
            JobFigures jobs = data.jobs().get(policy);
            if (jobs != null && jobs.outcomes().anyAbandoned()) {
                dataset.addSeries(series(policy, jobs.outcomes().waits()));
                style(renderer, k++, palette.policy(policy), palette.policyStroke(policy, 1.8f));
            }
        }
        return chart("Waits of abandoned jobs, by policy", dataset, renderer, ABANDONED_AXIS);
    }

    /** " (12 % abandoned)" where any job was abandoned; nothing otherwise, or for a group without jobs. */
    private static String abandonedNote(boolean any, DemandOutcomes.Share share) {
        if (!any || share == null || share.jobs() == 0) {
            return "";
        }
        double percent = share.fraction() * 100;
        return String.format(Locale.ROOT, percent > 0 && percent < 10 ? " (%.1f %% abandoned)" : " (%.0f %% abandoned)",
                percent);
    }

    /** @param shares each group's abandoned share for its legend, or null to give none */
    private JFreeChart grouped(String title, Function<JobFigures, Map<String, Cdf>> groups, Function<String, Color> color,
            Function<String, String> label, Function<JobFigures, Map<String, DemandOutcomes.Share>> shares) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = renderer();
        int k = 0;
        for (String policy : data.policies()) {
            JobFigures jobs = data.jobs().get(policy);
            if (jobs == null) {
                continue;
            }
            for (Map.Entry<String, Cdf> group : groups.apply(jobs).entrySet()) {
                String name = label.apply(group.getKey()) + (data.comparing() ? " - " + policy : "")
                        + (shares == null ? "" : abandonedNote(true, shares.apply(jobs).get(group.getKey())));
                dataset.addSeries(series(name, group.getValue()));
                style(renderer, k++, color.apply(group.getKey()),
                        data.comparing() ? palette.policyStroke(policy, 1.6f) : Palette.stroke(0, 1.8f));
            }
        }
        return chart(title, dataset, renderer, "jobs that waited at most x (%)");
    }

    /**
     * A distribution as the steps it is: flat from one sampled wait to the next, then up. A line
     * straight from point to point read, on the log axis, as if half the jobs that waited 0 h had
     * waited up to a week (every job waiting for a ROFR answer). Where no job waited less than
     * the axis's shortest wait, the curve rises from 0 % at the shortest wait there was.
     */
    static XYSeries series(String name, Cdf cdf) {
        XYSeries series = new XYSeries(name, false, true);
        double[] waits = cdf.values();
        double[] probability = cdf.probability();
        if (waits.length == 0) {
            return series;
        }
        double x = Math.max(SHORTEST, waits[0]);
        if (x > SHORTEST) {
            series.add(x, 0.0); // no job waited less: the curve rises from 0 % at the shortest wait
        }
        series.add(x, probability[0] * 100);
        for (int k = 1; k < waits.length; k++) {
            double next = Math.max(SHORTEST, waits[k]);
            if (next > x && probability[k] > probability[k - 1]) {
                series.add(next, probability[k - 1] * 100); // the corner of the step
            }
            series.add(next, probability[k] * 100);
            x = next;
        }
        return series;
    }

    private static JFreeChart chart(String title, XYSeriesCollection dataset, XYLineAndShapeRenderer renderer,
            String axis) {
        LogAxis x = new LogAxis("wait (hours, log scale)");
        x.setSmallestValue(SHORTEST);
        // ticks at powers of ten (0.1, 1, 10, 100 h...), not at 10^2.5 = 316.2
        x.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1), false, false);
        x.setAutoTickUnitSelection(false);
        x.setNumberFormatOverride(new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        x.setLabelFont(Style.AXIS_LABEL);
        x.setTickLabelFont(Style.TICK);
        XYPlot plot = new XYPlot(dataset, x, Style.percentAxis(axis), renderer);
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
