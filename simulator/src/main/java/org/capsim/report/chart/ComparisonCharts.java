package org.capsim.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.List;

import org.capsim.metrics.Comparison;
import org.capsim.metrics.Estimate;
import org.capsim.report.data.ReportData;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * For {@code compare}: the policies side by side on each headline metric with 95 % error bars,
 * and each policy's paired difference against the first.
 */
final class ComparisonCharts {

    private final ReportData data;
    private final Palette palette;

    ComparisonCharts(ReportData data, Palette palette) {
        this.data = data;
        this.palette = palette;
    }

    /** One panel per headline metric: a bar per policy, in the policy's colour. */
    Figure policies() {
        List<JFreeChart> panels = new ArrayList<>();
        for (KeyMetric metric : KeyMetric.HEADLINE) {
            DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
            for (String policy : data.policies()) {
                Estimate e = data.summary(policy).metrics().get(metric.key());
                if (e != null && Double.isFinite(e.mean())) {
                    dataset.add(e.mean() * metric.scale(), finite(e.ci95()) * metric.scale(), "mean", policy);
                }
            }
            panels.add(panel(metric.axis(), dataset, null));
        }
        return new Figure("policies", "Policies side by side", "Each headline metric per policy (mean over "
                + data.report().replications() + " replications); error bars: 95 % confidence interval.", panels, 3, 340,
                260);
    }

    /**
     * One panel per headline metric: per later policy, its paired difference from the baseline
     * (the same replications under both), with the 95 % interval of the difference.
     */
    Figure differences() {
        Comparison comparison = data.report().comparison();
        List<JFreeChart> panels = new ArrayList<>();
        for (KeyMetric metric : KeyMetric.HEADLINE) {
            DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
            for (Comparison.Against against : comparison.policies()) {
                Comparison.Difference d = against.metrics().get(metric.key());
                if (d != null && Double.isFinite(d.mean())) {
                    dataset.add(d.mean() * metric.scale(), finite(d.ci95()) * metric.scale(), "difference",
                            against.policy());
                }
            }
            panels.add(panel("Δ " + metric.axis(), dataset, 0.0));
        }
        return new Figure("differences", "Paired differences against " + comparison.baseline(), "Each policy minus "
                + comparison.baseline() + ", replication by replication (common random numbers); error bars: 95 % "
                + "confidence interval of the difference. A bar whose interval misses 0 is a real difference.", panels,
                3, 340, 260);
    }

    private JFreeChart panel(String axis, DefaultStatisticalCategoryDataset dataset, Double zero) {
        StatisticalBarRenderer renderer = new PolicyBars(palette);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setErrorIndicatorPaint(Color.BLACK);
        renderer.setMaximumBarWidth(0.25);
        CategoryAxis policies = new WholeWordAxis(null);
        CategoryPlot plot = new CategoryPlot(dataset, policies, Style.numberAxis(axis), renderer);
        Style.plot(plot);
        plot.setNoDataMessage("undefined");
        if (zero != null) {
            ValueMarker marker = new ValueMarker(zero, Color.DARK_GRAY, new BasicStroke(1f));
            plot.addRangeMarker(marker);
        }
        return Style.chart(null, null, plot, false);
    }

    private static double finite(double ci) {
        return Double.isFinite(ci) ? ci : 0;
    }

    /** Bars coloured by their category (the policy), not by series. */
    static final class PolicyBars extends StatisticalBarRenderer {
        private final transient Palette palette;

        PolicyBars(Palette palette) {
            this.palette = palette;
        }

        @Override
        public Paint getItemPaint(int row, int column) {
            CategoryPlot plot = getPlot();
            return palette.policy((String) plot.getDataset().getColumnKey(column));
        }

        @Override
        public boolean equals(Object other) {
            return super.equals(other) && other instanceof PolicyBars bars && bars.palette == palette;
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }
}
