package org.capsim.report.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.capsim.metrics.Estimate;
import org.capsim.metrics.Summary;
import org.capsim.report.data.DemandOutcomes;
import org.capsim.report.data.JobFigures;
import org.capsim.report.data.ReportData;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.GroupedStackedBarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.KeyToGroupMap;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Who got the work: ROFR outcomes per quarter, each provider's spend and share of GPU-hours, and
 * the demand served and unserved per class.
 */
final class OutcomeCharts {

    private final ReportData data;
    private final Palette palette;

    OutcomeCharts(ReportData data, Palette palette) {
        this.data = data;
        this.palette = palette;
    }

    /** Per calendar quarter, the ROFR offers accepted and refused (one panel per policy that made offers). */
    Figure rofr() {
        List<JFreeChart> panels = new ArrayList<>();
        for (String policy : data.policies()) {
            JobFigures jobs = data.jobs().get(policy);
            if (jobs != null && jobs.hasRofr()) {
                panels.add(rofrPanel(data.comparing() ? "ROFR offers under " + policy : "ROFR offers per quarter", jobs));
            }
        }
        if (panels.isEmpty()) {
            JobFigures any = data.jobs().values().stream().findFirst().orElse(null);
            panels.add(rofrPanel("ROFR offers per quarter", any));
        }
        return new Figure("rofr", "ROFR outcomes", "Jobs offered to the holder of the right of first refusal, by the "
                + "quarter they arrived in: accepted (the holder runs them) or refused (they go elsewhere); mean per "
                + "replication.", panels, 1, 1000, panels.size() == 1 ? 380 : 300);
    }

    private static JFreeChart rofrPanel(String title, JobFigures jobs) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        if (jobs != null && jobs.hasRofr()) {
            for (JobFigures.Quarter q : jobs.rofr()) {
                dataset.addValue(q.accepted(), "accepted", q.label());
                dataset.addValue(q.refused(), "refused", q.label());
            }
        }
        StackedBarRenderer renderer = new StackedBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, Palette.ACCEPTED);
        renderer.setSeriesPaint(1, Palette.REFUSED);
        renderer.setMaximumBarWidth(0.06);
        CategoryAxis quarters = new WholeWordAxis("quarter of arrival");
        if (jobs != null && jobs.rofr().size() > 12) {
            quarters.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        CategoryPlot plot = new CategoryPlot(dataset, quarters, Style.amountAxis("offers per replication"), renderer);
        plot.setNoDataMessage("no ROFR offers in this run (no policy with a right of first refusal made one)");
        Style.plot(plot);
        return Style.chart(title, null, plot, true);
    }

    /** Spend and share of GPU-hours per provider, with 95 % intervals; grouped by policy when comparing. */
    Figure providers() {
        List<String> providers = data.providers();
        DefaultStatisticalCategoryDataset spend = new DefaultStatisticalCategoryDataset();
        DefaultStatisticalCategoryDataset share = new DefaultStatisticalCategoryDataset();
        for (String provider : providers) {
            for (String policy : data.policies()) {
                Summary summary = data.summary(policy);
                var metrics = summary.providers().get(provider);
                if (metrics == null) {
                    continue;
                }
                String name = data.providerName(provider);
                add(spend, metrics.get("spend_usd"), 1, name, policy);
                add(share, metrics.get("share_gpu_hours"), 100, name, policy);
            }
        }
        List<JFreeChart> panels = List.of(bars("Spend by provider", spend, "spend (US$)", providers),
                bars("Share of GPU-hours by provider", share, "share of GPU-hours (%)", providers));
        return new Figure("providers", "Spend and share by provider", "What each provider earned and its share of the "
                + "GPU-hours jobs used" + (data.comparing() ? ", for each policy" : "") + "; error bars: 95 % "
                + "confidence interval of the mean over " + data.report().replications() + " replications.", panels, 2,
                520, 360);
    }

    private static void add(DefaultStatisticalCategoryDataset dataset, Estimate e, double scale, String row, String column) {
        if (e != null && Double.isFinite(e.mean())) {
            dataset.add(e.mean() * scale, Double.isFinite(e.ci95()) ? e.ci95() * scale : 0, row, column);
        }
    }

    private JFreeChart bars(String title, DefaultStatisticalCategoryDataset dataset, String axis, List<String> providers) {
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setErrorIndicatorPaint(java.awt.Color.BLACK);
        renderer.setItemMargin(0.05);
        renderer.setMaximumBarWidth(0.2);
        for (int row = 0; row < dataset.getRowCount(); row++) {
            String name = (String) dataset.getRowKey(row);
            String id = providers.stream().filter(p -> data.providerName(p).equals(name)).findFirst().orElse(name);
            renderer.setSeriesPaint(row, palette.provider(id));
        }
        NumberAxis value = Style.numberAxis(axis);
        CategoryPlot plot = new CategoryPlot(dataset, new WholeWordAxis(data.comparing() ? "policy" : null), value, renderer);
        Style.plot(plot);
        JFreeChart chart = Style.chart(title, null, plot, true);
        chart.getTitle().setFont(Style.AXIS_LABEL.deriveFont(java.awt.Font.BOLD));
        return chart;
    }

    /**
     * Per class, by calendar quarter of arrival, the demanded GPU-hours of the jobs that started
     * (served) stacked under those of the jobs that did not (unserved); comparing, a bar per policy.
     * Only for reports whose jobs.csv gives each job's demand ({@link #hasServed}).
     */
    Figure served() {
        Set<String> classes = new LinkedHashSet<>(data.classes());
        data.jobs().values().forEach(jobs -> classes.addAll(jobs.outcomes().served().keySet()));
        List<JFreeChart> panels = new ArrayList<>();
        for (String jobClass : classes) {
            if (data.jobs().values().stream().anyMatch(jobs -> jobs.outcomes().served().containsKey(jobClass))) {
                panels.add(servedPanel(jobClass));
            }
        }
        return new Figure("served", "Served and unserved demand", "Demanded GPU-hours (at each job's full size, on its "
                + "reference GPU) by the quarter the jobs arrived in: served = jobs that started; unserved = jobs that "
                + "never did (abandoned, unfunded, rejected, or still waiting at the horizon); mean per replication"
                + (data.comparing() ? "; a bar per policy, in its colour, unserved paler" : "") + ". In the panel's title: "
                + "the class's unserved share with its 95 % interval (summary.json).", panels, data.comparing() ? 1 : 2,
                data.comparing() ? 1000 : 500, 320);
    }

    /** Whether any policy's jobs.csv gave the jobs' demand. */
    boolean hasServed() {
        return data.jobs().values().stream().anyMatch(jobs -> jobs.outcomes().hasServed());
    }

    private JFreeChart servedPanel(String jobClass) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        KeyToGroupMap groups = new KeyToGroupMap(data.policies().get(0));
        List<String> shares = new ArrayList<>();
        int quarters = 0;
        for (String policy : data.policies()) {
            JobFigures jobs = data.jobs().get(policy);
            List<DemandOutcomes.Served> served = jobs == null ? null : jobs.outcomes().served().get(jobClass);
            if (served == null) {
                continue;
            }
            String suffix = data.comparing() ? " - " + policy : "";
            for (DemandOutcomes.Served q : served) {
                dataset.addValue(q.served(), "served" + suffix, q.quarter());
                dataset.addValue(q.unserved(), "unserved" + suffix, q.quarter());
            }
            groups.mapKeyToGroup("served" + suffix, policy);
            groups.mapKeyToGroup("unserved" + suffix, policy);
            quarters = served.size();
            Map<String, Estimate> metrics = data.summary(policy).classes().get(jobClass);
            Estimate share = metrics == null ? null : metrics.get("unserved_share");
            if (share != null && Double.isFinite(share.mean())) {
                shares.add(String.format(Locale.ROOT, "%.1f ± %.1f %%", share.mean() * 100, share.ci95() * 100)
                        + (data.comparing() ? " (" + policy + ")" : ""));
            }
        }
        GroupedStackedBarRenderer renderer = new GroupedStackedBarRenderer();
        renderer.setSeriesToGroupMap(groups);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        for (int row = 0; row < dataset.getRowCount(); row++) {
            String key = (String) dataset.getRowKey(row);
            boolean served = key.startsWith("served");
            Color color = data.comparing() ? palette.policy(key.substring(key.indexOf(" - ") + 3))
                    : served ? Palette.ACCEPTED : Palette.REFUSED;
            renderer.setSeriesPaint(row, served || !data.comparing() ? color : Palette.translucent(color, 90));
        }
        CategoryAxis axis = new WholeWordAxis("quarter of arrival"); // "2025 Q1" wraps, not "20..."
        if (quarters > 12) {
            axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        CategoryPlot plot = new CategoryPlot(dataset, axis, Style.amountAxis("GPU-hours per replication"), renderer);
        Style.plot(plot);
        JFreeChart chart = Style.chart(jobClass + (shares.isEmpty() ? "" : ": unserved " + String.join(", ", shares)), null,
                plot, true);
        chart.getTitle().setFont(Style.AXIS_LABEL.deriveFont(java.awt.Font.BOLD));
        return chart;
    }
}
