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
import org.capsim.report.data.PowerSeries;
import org.capsim.report.data.ReportData;
import org.capsim.report.data.TimeGrid;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Charts over calendar time: installed capacity with demand, utilization per site, queues, power. Each
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
     * Installed capacity stacked by provider, and the demand of each policy on top, in the same
     * units. When demand outgrows the fleet (more than {@value #CLIP} times its largest size), the
     * axis stops there and a note gives demand's true peak.
     */
    Figure capacity(Unit unit) {
        FleetSeries fleet = data.fleet().get(data.policies().get(0));
        Map<String, Band> installed = unit == Unit.GPUS ? fleet.installedGpus() : fleet.installedPflops();
        YIntervalSeriesCollection demand = new YIntervalSeriesCollection();
        XYLineAndShapeRenderer lines = lineRenderer();
        int d = 0;
        Peak peak = new Peak();
        for (String policy : data.policies()) {
            JobFigures jobs = data.jobs().get(policy);
            if (jobs == null) {
                continue;
            }
            Band band = unit == Unit.GPUS ? jobs.demandGpus() : jobs.demandPflops();
            peak.offer(band, policy);
            demand.addSeries(series(data.comparing() ? "demand under " + policy : "demand", band, 1));
            Color color = data.comparing() ? palette.policy(policy) : Palette.DEMAND;
            style(lines, d++, color, data.comparing() ? palette.policyStroke(policy, 2f) : Palette.stroke(0, 2f));
        }
        NumberAxis axis = Style.amountAxis(unit.axis);
        XYPlot plot = new XYPlot(demand, period(), axis, lines);
        plot.setDataset(1, stacked(installed));
        plot.setRenderer(1, areas(installed));
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE); // areas first, demand lines on top
        Style.plot(plot);
        double installedMax = 0;
        double[] total = new double[grid.bins()];
        for (Band band : installed.values()) {
            for (int i = 0; i < total.length; i++) {
                total[i] += Double.isNaN(band.mean()[i]) ? 0 : band.mean()[i];
                installedMax = Math.max(installedMax, total[i]);
            }
        }
        // clipped on one scale, not a second panel: a planner reads demand against the stack where they
        // meet, and beyond a few times the fleet the number matters more than the line's height
        boolean clipped = peak.value > CLIP * installedMax && installedMax > 0;
        if (clipped) {
            axis.setAutoRange(false);
            axis.setRange(0, CLIP * installedMax);
            plot.addAnnotation(peak.note(installedMax, unit));
        }
        JFreeChart chart = Style.chart("Installed capacity by provider, and demand", bandNote(replications())
                + "; demand: " + unit.shortName + " the arrived work would keep busy from its arrival on", plot, true);
        return Figure.single("capacity", "Capacity and demand",
                "Stacked areas: each provider's installed " + unit.shortName + " (mean over replications); line"
                        + (data.comparing() ? "s: demand under each policy" : ": demand")
                        + ", in the same units: the " + unit.shortName + " that the jobs arrived so far would keep busy "
                        + "had each started, at full size, on arrival (demanded GPU-hours per hour). Demand above the "
                        + "stack means work the fleet cannot serve as it comes."
                        + (measuredDemand() ? "" : " This scenario limits no demand, so jobs.csv does not give what "
                                + "each job asked for: a job's work is its run as it happened (shorter on a GPU type "
                                + "faster than its reference), and a job still waiting at the end counts from its "
                                + "arrival to the end.")
                        + (clipped ? " Demand leaves the chart above " + Math.round(CLIP) + "x the fleet's largest size; "
                                + "the note gives its peak." : ""),
                chart, 1000, 460);
    }

    /** Whether jobs.csv gave every job's demanded GPU-hours (a scenario that limits demand writes them). */
    private boolean measuredDemand() {
        return data.jobs().values().stream().anyMatch(jobs -> jobs.outcomes().hasServed());
    }

    /** Demand more than this many times the fleet's largest size is cut off at it (the note gives the peak). */
    static final double CLIP = 3;

    /** Demand's highest mean over the policies: its value, bin and policy. */
    private final class Peak {
        double value;
        int bin = -1;
        String policy;

        void offer(Band band, String policy) {
            for (int i = 0; i < band.bins(); i++) {
                if (band.mean()[i] > value) {
                    value = band.mean()[i];
                    bin = i;
                    this.policy = policy;
                }
            }
        }

        /** A note at the top left of the plot: demand's peak, its multiple of the fleet, when (and under which policy). */
        XYTitleAnnotation note(double installedMax, Unit unit) {
            String when = calendar.dateAt(grid.middle(bin)).toString().substring(0, 7);
            TextTitle text = new TextTitle("\u25B2 demand off the scale: it peaks at " + Math.round(value / installedMax)
                    + "x the fleet's largest size (" + new AxisNumbers().format(value) + " " + unit.shortName + ", " + when
                    + (data.comparing() ? ", under " + policy : "") + ")", Style.AXIS_LABEL.deriveFont(java.awt.Font.BOLD));
            text.setPaint(Palette.DEMAND);
            text.setBackgroundPaint(Palette.translucent(Color.WHITE, 220));
            text.setPadding(new RectangleInsets(2, 4, 2, 4));
            return new XYTitleAnnotation(0.01, 0.99, text, RectangleAnchor.TOP_LEFT);
        }
    }

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

    /** Whether the report tells of power (sites.csv with powered GPUs): only then is there a power chart. */
    boolean hasPower() {
        return data.fleet().get(data.policies().get(0)).power().any();
    }

    /**
     * Per site, the draw against its energized MW (SPEC 6.2): the draw as lines with their band
     * (one per policy when comparing), the energized MW as a step line; the sites with a power
     * curve (every site where none has one), then a panel of the GPUs stranded without power.
     */
    Figure power() {
        PowerSeries first = data.fleet().get(data.policies().get(0)).power();
        List<String> sites = new ArrayList<>(first.energizedMw().isEmpty() ? first.drawMw().keySet()
                : first.energizedMw().keySet());
        List<JFreeChart> panels = new ArrayList<>();
        for (String site : sites) {
            YIntervalSeriesCollection draw = new YIntervalSeriesCollection();
            XYLineAndShapeRenderer renderer = lineRenderer();
            String owner = data.siteOwners().getOrDefault(site, "");
            int k = 0;
            for (String policy : data.policies()) {
                Band band = data.fleet().get(policy).power().drawMw().get(site);
                if (band != null) {
                    draw.addSeries(series(data.comparing() ? "draw under " + policy : "draw", band, 1));
                    style(renderer, k++, data.comparing() ? palette.policy(policy) : palette.provider(owner),
                            data.comparing() ? palette.policyStroke(policy, LINE) : Palette.stroke(0, LINE));
                }
            }
            JFreeChart chart = timeChart(site + (owner.isEmpty() ? "" : " (" + data.providerName(owner) + ")"), null, draw,
                    renderer, Style.amountAxis("MW"));
            Band energized = first.energizedMw().get(site);
            if (energized != null) {
                XYPlot plot = chart.getXYPlot();
                XYSeriesCollection level = new XYSeriesCollection();
                XYSeries series = new XYSeries("energized MW", false, false);
                for (int i = 0; i < energized.bins(); i++) {
                    series.add(x(i), energized.mean()[i]);
                }
                level.addSeries(series);
                XYStepRenderer step = new XYStepRenderer();
                step.setSeriesPaint(0, Palette.DEMAND);
                step.setSeriesStroke(0, new BasicStroke(LINE, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                        new float[] {6, 4}, 0));
                step.setDefaultShapesVisible(false);
                plot.setDataset(1, level);
                plot.setRenderer(1, step);
            }
            panels.add(chart);
        }
        YIntervalSeriesCollection stranded = new YIntervalSeriesCollection();
        XYLineAndShapeRenderer renderer = lineRenderer();
        Map<String, Integer> perProvider = new java.util.HashMap<>();
        int k = 0;
        for (Map.Entry<String, Band> site : first.strandedGpus().entrySet()) {
            String owner = data.siteOwners().getOrDefault(site.getKey(), "");
            int nth = perProvider.merge(owner, 1, Integer::sum) - 1;
            stranded.addSeries(series(site.getKey(), site.getValue(), 1));
            style(renderer, k++, palette.provider(owner), Palette.stroke(nth, LINE));
        }
        panels.add(timeChart("GPUs stranded without power (installed less powered)", null, stranded, renderer,
                Style.amountAxis("stranded GPUs")));
        return new Figure("power", "Power draw and energized MW by site", "Per site, the power it draws (MW), "
                + "recomputed from sites.csv: busy and reserved GPUs at their type's busy share of kW per GPU, idle "
                + "powered GPUs at the idle share" + (data.comparing() ? ", one line per policy" : "") + "; dashed "
                + "step: the site's energized MW where it has a power curve. Last panel: installed GPUs that no power "
                + "feeds, by site" + (data.comparing() ? " (" + data.policies().get(0) + ")" : "") + "; "
                + bandNote(replications()) + ".", panels, 2, 560, 320);
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
