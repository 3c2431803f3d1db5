package org.capsim.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.capsim.experiment.Morris;
import org.capsim.experiment.Sensitivity;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * A sensitivity study's tornado charts: per metric, a row per key, its low and high values' paired
 * differences against the base as horizontal bars from 0 with 95 % error bars, the key that moves
 * the metric most on top; of a screening, the keys' elementary effects the same way.
 */
final class TornadoCharts {

    static final Color LOW = new Color(0x0072B2);
    static final Color HIGH = new Color(0xD55E00);
    private static final int ROW_HEIGHT = 46;

    private final Sensitivity study;
    /** A screening instead, or null. */
    private final Morris screening;

    TornadoCharts(Sensitivity study, Morris screening) {
        this.study = study;
        this.screening = screening;
    }

    List<Figure> figures() {
        List<Figure> figures = new ArrayList<>();
        for (String metric : screening != null ? screening.metrics() : study.metrics()) {
            figures.add(screening != null ? effects(metric) : tornado(metric));
        }
        return figures;
    }

    private static KeyMetric shown(String metric) {
        return KeyMetric.HEADLINE.stream().filter(k -> k.key().equals(metric)).findFirst()
                .orElse(new KeyMetric(metric, metric.equals("unserved_share") ? "unserved share (%)" : metric,
                        metric.equals("unserved_share") ? 100 : 1));
    }

    /** A screening's keys by mu* (bars) with mu beside it, the largest on top. */
    private Figure effects(String metric) {
        KeyMetric shown = shown(metric);
        List<Morris.Effect> effects = screening.ranked(metric);
        DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
        for (Morris.Effect e : effects) {
            String category = e.key() + " (" + e.low() + " .. " + e.high() + ")";
            dataset.add(finite(e.muStar()) * shown.scale(), finite(e.sigma()) * shown.scale(), "mu* ± sigma", category);
            dataset.add(finite(e.mu()) * shown.scale(), 0.0, "mu", category);
        }
        return Figure.single("morris-" + metric, "Which key moves " + metric + " (screening)", "Elementary effects over "
                + screening.trajectories() + " trajectories: mu* (blue, the mean absolute change of " + metric
                + " per range of the key, ± the effects' standard deviation) ranks the keys; mu (orange) keeps the "
                + "sign. A large sigma against mu* means the key's effect depends on the other keys.",
                bars(dataset, "effect on " + shown.axis() + " per range"), 860, 90 + ROW_HEIGHT * Math.max(1,
                        effects.size()));
    }

    private Figure tornado(String metric) {
        KeyMetric shown = shown(metric);
        List<Sensitivity.Row> rows = study.ranked(metric);
        DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
        for (Sensitivity.Row row : rows) {
            String category = row.key() + " (" + row.low() + " / " + row.high() + ")";
            dataset.add(finite(row.lowDelta()) * shown.scale(), finite(row.lowDeltaCi95()) * shown.scale(), "low",
                    category);
            dataset.add(finite(row.highDelta()) * shown.scale(), finite(row.highDeltaCi95()) * shown.scale(), "high",
                    category);
        }
        JFreeChart chart = bars(dataset, "Δ " + shown.axis() + " against base");
        // the base in the axis's units and numbers ("247.96M", "15.26" for a utilization in %)
        String base = rows.isEmpty() || !Double.isFinite(rows.get(0).baseMean()) ? ""
                : ", base " + new AxisNumbers().format(rows.get(0).baseMean() * shown.scale()) + ",";
        return Figure.single("tornado-" + metric, "Which key moves " + metric, "Each key at its low (blue) and high "
                + "(orange) value, the others at base: the paired difference of " + shown.axis() + base + " against the base "
                + "run, replication by replication on common random numbers; error bars: 95 % confidence interval. "
                + "The key that moves it most is on top.", chart, 860, 90 + ROW_HEIGHT * Math.max(1, rows.size()));
    }

    /** Horizontal bars of two series (blue, orange) with error bars, a key per row, 0 marked. */
    private static JFreeChart bars(DefaultStatisticalCategoryDataset dataset, String axis) {
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setErrorIndicatorPaint(Color.BLACK);
        renderer.setSeriesPaint(0, LOW);
        renderer.setSeriesPaint(1, HIGH);
        renderer.setItemMargin(0.0);
        CategoryAxis keys = new CategoryAxis(null);
        keys.setMaximumCategoryLabelWidthRatio(0.45f);
        keys.setMaximumCategoryLabelLines(2);
        CategoryPlot plot = new CategoryPlot(dataset, keys, Style.numberAxis(axis), renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        Style.plot(plot);
        plot.addRangeMarker(new ValueMarker(0, Color.DARK_GRAY, new BasicStroke(1f)));
        return Style.chart(null, null, plot, true);
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0;
    }
}
