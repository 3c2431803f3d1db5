package org.capsim.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.capsim.model.Calendar;
import org.capsim.report.data.Band;
import org.capsim.report.data.FleetSeries;
import org.capsim.report.data.JobFigures;
import org.capsim.report.data.ReportData;
import org.capsim.report.data.TimeGrid;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Charts over calendar time: installed capacity with demand, utilization per site, queues. Each
 * line is the mean over replications of the bin's time average, with a band from the 5th to the
 * 95th percentile across replications.
 */
final class TimeCharts {

    /** What the capacity chart measures. */
    enum Unit {
        GPUS("installed GPUs", "GPUs"), PFLOPS("installed peak PFLOP/s (dense BF16)", "PFLOP/s");

        final String axis;
        final String shortName;

        Unit(String axis, String shortName) {
            this.axis = axis;
            this.shortName = shortName;
        }
    }

    private static final float LINE = 1.6f;
    private static final int BAND_ALPHA = 40;

    private final ReportData data;
    private final Palette palette;
    private final Calendar calendar;
    private final TimeGrid grid;

    TimeCharts(ReportData data, Palette palette) {
        this.data = data;
        this.palette = palette;
        this.calendar = data.header().calendar();
        this.grid = data.grid();
    }

    private String bandNote(int replications) {
        return grid.binWords() + " averages" + (replications > 1 ? "; lines: mean of " + replications
                + " replications, bands: 5th-95th percentile across them" : "; 1 replication");
    }

    private int replications() {
        return data.report().replications();
    }

    /**
     * Installed capacity stacked by provider, and the demand of each policy on top. When demand
     * dwarfs the fleet (more than {@value #DWARFS} times its peak), the build-out would be a
     * sliver at the bottom: a second panel then shows the stack alone, on its own scale.
     */
    Figure capacity(Unit unit) {
        FleetSeries fleet = data.fleet().get(data.policies().get(0));
        Map<String, Band> installed = unit == Unit.GPUS ? fleet.installedGpus() : fleet.installedPflops();
        YIntervalSeriesCollection demand = new YIntervalSeriesCollection();
        XYLineAndShapeRenderer lines = lineRenderer();
        int d = 0;
        double demandMax = 0;
        for (String policy : data.policies()) {
            JobFigures jobs = data.jobs().get(policy);
            if (jobs == null) {
                continue;
            }
            Band band = unit == Unit.GPUS ? jobs.demandGpus() : jobs.demandPflops();
            demandMax = Math.max(demandMax, band.max());
            demand.addSeries(series(data.comparing() ? "demand under " + policy : "demand", band, 1));
            Color color = data.comparing() ? palette.policy(policy) : Palette.DEMAND;
            style(lines, d++, color, data.comparing() ? palette.policyStroke(policy, 2f) : Palette.stroke(0, 2f));
        }
        XYPlot plot = new XYPlot(demand, period(), Style.amountAxis(unit.axis), lines);
        plot.setDataset(1, stacked(installed));
        plot.setRenderer(1, areas(installed));
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE); // areas first, demand lines on top
        Style.plot(plot);
        List<JFreeChart> panels = new ArrayList<>();
        panels.add(Style.chart("Installed capacity by provider, and demand", bandNote(replications())
                + "; demand: " + unit.shortName + " wanted by jobs waiting or running", plot, true));
        double installedMax = 0;
        double[] total = new double[grid.bins()];
        for (Band band : installed.values()) {
            for (int i = 0; i < total.length; i++) {
                total[i] += Double.isNaN(band.mean()[i]) ? 0 : band.mean()[i];
                installedMax = Math.max(installedMax, total[i]);
            }
        }
        boolean zoom = demandMax > DWARFS * installedMax && installedMax > 0;
        if (zoom) {
            XYPlot alone = new XYPlot(stacked(installed), period(), Style.amountAxis(unit.axis), areas(installed));
            Style.plot(alone);
            panels.add(Style.chart("Installed capacity by provider alone (demand peaks at "
                    + Math.round(demandMax / installedMax) + "x the fleet)", null, alone, true));
            panels.get(1).getTitle().setFont(Style.AXIS_LABEL.deriveFont(java.awt.Font.BOLD));
        }
        return new Figure("capacity", "Capacity and demand",
                "Stacked areas: each provider's installed " + unit.shortName + " (mean over replications); line"
                        + (data.comparing() ? "s: demand under each policy" : ": demand")
                        + " (jobs waiting or running). Demand above the stack means a queue."
                        + (zoom ? " Below: the build-out alone, on its own scale." : ""),
                panels, 1, 1000, zoom ? 400 : 460);
    }

    /** Demand more than this many times the installed fleet makes the stack unreadable on one scale. */
    static final double DWARFS = 4;

    /** Each provider's mean installed capacity, for stacking. */
    private DefaultTableXYDataset stacked(Map<String, Band> installed) {
        DefaultTableXYDataset stacked = new DefaultTableXYDataset();
        for (Map.Entry<String, Band> provider : installed.entrySet()) {
            XYSeries series = new XYSeries(data.providerName(provider.getKey()), false, false);
            double[] mean = provider.getValue().mean();
            for (int i = 0; i < mean.length; i++) {
                series.add(x(i), Double.isNaN(mean[i]) ? 0 : mean[i]);
            }
            stacked.addSeries(series);
        }
        return stacked;
    }

    private StackedAreas areas(Map<String, Band> installed) {
        StackedAreas areas = new StackedAreas();
        int k = 0;
        for (String provider : installed.keySet()) {
            areas.setSeriesPaint(k++, Palette.translucent(palette.provider(provider), 200));
        }
        return areas;
    }

    /** Utilization per site: one chart (lines per site), or per site a panel (lines per policy) when comparing. */
    Figure utilization() {
        List<String> sites = new ArrayList<>(data.fleet().get(data.policies().get(0)).utilization().keySet());
        String caption = "Busy GPUs over GPUs available to training (installed less those reserved for inference), "
                + grid.binWords() + " averages.";
        if (!data.comparing()) {
            FleetSeries fleet = data.fleet().get(data.policies().get(0));
            YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
            XYLineAndShapeRenderer renderer = lineRenderer();
            Map<String, Integer> perProvider = new java.util.HashMap<>();
            int k = 0;
            for (String site : sites) {
                String owner = data.siteOwners().getOrDefault(site, "");
                int nth = perProvider.merge(owner, 1, Integer::sum) - 1; // a provider's second site is dashed
                dataset.addSeries(series(site + (owner.isEmpty() ? "" : " (" + data.providerName(owner) + ")"),
                        fleet.utilization().get(site), 100));
                style(renderer, k++, palette.provider(owner), Palette.stroke(nth, LINE));
            }
            JFreeChart chart = timeChart("Utilization by site", bandNote(replications()), dataset, renderer,
                    Style.percentAxis("utilization (%)"));
            return Figure.single("utilization", "Utilization by site", caption + " Colour: the site's provider.", chart,
                    1000, 400);
        }
        List<JFreeChart> panels = new ArrayList<>();
        for (String site : sites) {
            YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
            XYLineAndShapeRenderer renderer = lineRenderer();
            int k = 0;
            for (String policy : data.policies()) {
                Band band = data.fleet().get(policy).utilization().get(site);
                if (band != null) {
                    dataset.addSeries(series(policy, band, 100));
                    style(renderer, k++, palette.policy(policy), palette.policyStroke(policy, LINE));
                }
            }
            String owner = data.siteOwners().get(site);
            panels.add(timeChart(site + (owner == null ? "" : " (" + data.providerName(owner) + ")"), null, dataset,
                    renderer, Style.percentAxis("utilization (%)")));
        }
        return new Figure("utilization", "Utilization by site", caption + " One panel per site, one line per policy; "
                + bandNote(replications()) + ".", panels, 2, 560, 320);
    }

    /** Jobs waiting and GPUs they want, over time: per provider for one policy, the fleet's per policy when comparing. */
    Figure queues() {
        YIntervalSeriesCollection jobs = new YIntervalSeriesCollection();
        YIntervalSeriesCollection gpus = new YIntervalSeriesCollection();
        XYLineAndShapeRenderer jobsRenderer = lineRenderer();
        XYLineAndShapeRenderer gpusRenderer = lineRenderer();
        int k = 0;
        if (!data.comparing()) {
            FleetSeries fleet = data.fleet().get(data.policies().get(0));
            for (String provider : fleet.queuedJobs().keySet()) {
                String name = data.providerName(provider);
                jobs.addSeries(series(name, fleet.queuedJobs().get(provider), 1));
                gpus.addSeries(series(name, fleet.queuedGpus().get(provider), 1));
                style(jobsRenderer, k, palette.provider(provider), Palette.stroke(0, LINE));
                style(gpusRenderer, k++, palette.provider(provider), Palette.stroke(0, LINE));
            }
        } else {
            for (String policy : data.policies()) {
                FleetSeries fleet = data.fleet().get(policy);
                jobs.addSeries(series(policy, fleet.queuedJobsTotal(), 1));
                gpus.addSeries(series(policy, fleet.queuedGpusTotal(), 1));
                style(jobsRenderer, k, palette.policy(policy), palette.policyStroke(policy, LINE));
                style(gpusRenderer, k++, palette.policy(policy), palette.policyStroke(policy, LINE));
            }
        }
        String by = data.comparing() ? "whole fleet, by policy" : "by provider";
        List<JFreeChart> panels = List.of(
                timeChart("Jobs waiting (" + by + ")", null, jobs, jobsRenderer, Style.amountAxis("jobs waiting")),
                timeChart("GPUs wanted by waiting jobs (" + by + ")", null, gpus, gpusRenderer,
                        Style.amountAxis("GPUs wanted")));
        return new Figure("queues", "Waiting jobs", "Jobs queued in the pools and the GPUs they want, " + by + "; "
                + bandNote(replications()) + ".", panels, 2, 560, 340);
    }

    private JFreeChart timeChart(String title, String subtitle, YIntervalSeriesCollection dataset,
            XYLineAndShapeRenderer renderer, NumberAxis axis) {
        XYPlot plot = new XYPlot(dataset, period(), axis, renderer);
        Style.plot(plot);
        plot.setNoDataMessage("no data");
        JFreeChart chart = Style.chart(title, subtitle, plot, true);
        chart.getTitle().setFont(subtitle == null ? Style.AXIS_LABEL.deriveFont(java.awt.Font.BOLD) : Style.TITLE);
        return chart;
    }

    /** A band as a series of (date, mean, low, high), values times {@code scale}; undefined bins left out. */
    private YIntervalSeries series(String name, Band band, double scale) {
        YIntervalSeries series = new YIntervalSeries(name, false, false);
        for (int i = 0; i < band.bins(); i++) {
            double mean = band.mean()[i];
            if (!Double.isNaN(mean)) {
                series.add(x(i), mean * scale, band.low()[i] * scale, band.high()[i] * scale);
            }
        }
        return series;
    }

    /**
     * A date axis over the whole simulated period, the same in every panel: panels line up, and a
     * site built late does not get a shorter axis with crowded ticks.
     */
    private DateAxis period() {
        DateAxis axis = Style.dateAxis();
        double start = calendar.start().toEpochDay() * 86_400_000.0;
        axis.setRange(start, start + grid.endHours() * 3_600_000.0);
        return axis;
    }

    /** Epoch milliseconds of bin i's middle: the date axis in UTC. */
    private double x(int i) {
        return calendar.start().toEpochDay() * 86_400_000.0 + grid.middle(i) * 3_600_000.0;
    }

    /**
     * Lines with their band. With one replication there is no band (its bounds are the line), so
     * the lines are drawn alone: a band of zero width was still a filled polygon per series for
     * the rasterizer, a fifth of drawing a replay's charts.
     */
    private XYLineAndShapeRenderer lineRenderer() {
        XYLineAndShapeRenderer renderer;
        if (replications() == 1) {
            renderer = new XYLineAndShapeRenderer(true, false);
            renderer.setDrawSeriesLineAsPath(true); // as DeviationRenderer draws its lines
        } else {
            DeviationRenderer band = new DeviationRenderer(true, false);
            band.setAlpha(BAND_ALPHA / 255f);
            renderer = band;
        }
        renderer.setDefaultStroke(new BasicStroke(LINE));
        return renderer;
    }

    private static void style(XYLineAndShapeRenderer renderer, int series, Color color, Stroke stroke) {
        renderer.setSeriesPaint(series, color);
        renderer.setSeriesFillPaint(series, color);
        renderer.setSeriesStroke(series, stroke);
    }
}
