package org.capsim.report.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.capsim.report.data.SweepData;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StatisticalLineAndShapeRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * For a sweep: each headline metric against the first swept key's values, a line per policy
 * (and per combination of the other keys' values, dashed apart), with 95 % error bars.
 */
final class SweepCharts {

    private final SweepData sweep;
    private final Palette palette;

    SweepCharts(SweepData sweep, Palette palette) {
        this.sweep = sweep;
        this.palette = palette;
    }

    Figure metrics() {
        String key = sweep.paths().get(0);
        List<String> others = sweep.paths().subList(1, sweep.paths().size());
        List<String> xs = distinct(0);
        List<String> combos = new ArrayList<>();
        for (SweepData.Row row : sweep.rows()) {
            String combo = combo(row, others);
            if (!combos.contains(combo)) {
                combos.add(combo);
            }
        }
        List<JFreeChart> panels = new ArrayList<>();
        for (KeyMetric metric : KeyMetric.HEADLINE) {
            DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
            // columns in the key's order, so a numeric key reads left to right as given on the command line
            for (String x : xs) {
                for (SweepData.Row row : sweep.rows()) {
                    if (row.metric().equals(metric.key()) && row.values().get(0).equals(x)
                            && Double.isFinite(row.estimate().mean())) {
                        double ci = Double.isFinite(row.estimate().ci95()) ? row.estimate().ci95() : 0;
                        dataset.add(row.estimate().mean() * metric.scale(), ci * metric.scale(),
                                seriesName(row.policy(), combo(row, others)), x);
                    }
                }
            }
            StatisticalLineAndShapeRenderer renderer = new StatisticalLineAndShapeRenderer(true, true);
            renderer.setErrorIndicatorPaint(Color.DARK_GRAY);
            for (int s = 0; s < dataset.getRowCount(); s++) {
                String name = (String) dataset.getRowKey(s);
                String policy = policyOf(name);
                renderer.setSeriesPaint(s, palette.policy(policy));
                renderer.setSeriesStroke(s, Palette.stroke(combos.indexOf(name.substring(policy.length()).replaceFirst("^, ", "")),
                        1.8f));
            }
            CategoryAxis axis = new CategoryAxis(key);
            if (xs.size() > 6) {
                axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
            }
            CategoryPlot plot = new CategoryPlot(dataset, axis, Style.numberAxis(metric.axis()), renderer);
            Style.plot(plot);
            plot.setNoDataMessage("undefined");
            JFreeChart chart = Style.chart(null, null, plot, true);
            panels.add(chart);
        }
        return new Figure("sweep", "Headline metrics across the sweep", "Each headline metric against " + key
                + (others.isEmpty() ? "" : " (lines: policy and " + String.join(", ", others) + ")")
                + ", a line per policy; error bars: 95 % confidence interval over replications.", panels, 3, 380, 300);
    }

    private String policyOf(String seriesName) {
        return sweep.policies().stream().filter(p -> seriesName.equals(p) || seriesName.startsWith(p + ", "))
                .max((a, b) -> Integer.compare(a.length(), b.length())).orElse(seriesName);
    }

    private static String seriesName(String policy, String combo) {
        return combo.isEmpty() ? policy : policy + ", " + combo;
    }

    private static String combo(SweepData.Row row, List<String> others) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            parts.add(others.get(i) + "=" + row.values().get(i + 1));
        }
        return String.join(", ", parts);
    }

    private List<String> distinct(int axis) {
        Set<String> out = new LinkedHashSet<>();
        sweep.rows().forEach(r -> out.add(r.values().get(axis)));
        return new ArrayList<>(out);
    }
}
