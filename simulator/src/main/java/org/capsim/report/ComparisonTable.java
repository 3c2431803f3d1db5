package org.capsim.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.capsim.metrics.Comparison;
import org.capsim.metrics.Estimate;
import org.capsim.metrics.Summary;

/**
 * The table printed at the end of {@code capsim compare}: each metric's mean ± ci95 per policy,
 * and under it the paired difference of each policy against the first, starred where its 95 %
 * interval leaves out 0.
 */
public final class ComparisonTable {

    private static final int LABEL = 24;
    private static final int COLUMN = 22;

    private ComparisonTable() {
    }

    public static void print(PrintWriter out, List<String> policies, List<Summary> summaries, Comparison comparison) {
        StringBuilder head = new StringBuilder(pad("metric", LABEL));
        policies.forEach(p -> head.append(cell(p)));
        out.println(head);
        for (SummaryTable.Row row : SummaryTable.fleetRows(summaries)) {
            if (summaries.stream().allMatch(s -> SummaryTable.hidden(row, s))) {
                continue;
            }
            String label = row.label() + (row.unit().isEmpty() ? "" : " (" + row.unit() + ")");
            StringBuilder line = new StringBuilder(pad(label, LABEL));
            for (Summary s : summaries) {
                line.append(cell(SummaryTable.withCi(s.metrics().get(row.key()), row.scale())));
            }
            out.println(line);
            out.println(differenceLine(comparison, row.scale(), c -> c.metrics().get(row.key())));
        }
        Map<String, Map<String, Estimate>> providers = summaries.get(0).providers();
        for (String provider : providers.keySet()) {
            StringBuilder line = new StringBuilder(pad(provider + " share (%)", LABEL));
            for (Summary s : summaries) {
                line.append(cell(SummaryTable.withCi(s.providers().get(provider).get("share_gpu_hours"), 100)));
            }
            out.println(line);
            out.println(differenceLine(comparison, 100, c -> c.providers().get(provider).get("share_gpu_hours")));
        }
        out.println();
        out.println("Δ: paired difference against " + comparison.baseline()
                + " over the same replications (common random numbers), ± its 95% half width;");
        out.println("*: the interval leaves out 0. Every metric, with unpaired intervals too: summary.json \"comparison\".");
    }

    private static String differenceLine(Comparison comparison, double scale,
            java.util.function.Function<Comparison.Against, Comparison.Difference> pick) {
        StringBuilder line = new StringBuilder(pad("  Δ vs " + comparison.baseline(), LABEL)).append(cell(""));
        for (Comparison.Against against : comparison.policies()) {
            Comparison.Difference d = pick.apply(against);
            String text = d == null || d.n() == 0 ? "n/a"
                    : signed(d.mean() * scale) + " ± " + SummaryTable.number(d.ci95() * scale) + (d.excludesZero() ? " *" : "");
            line.append(cell(text));
        }
        return line.toString().stripTrailing();
    }

    private static String signed(double value) {
        String text = SummaryTable.number(value);
        return value > 0 ? "+" + text : text;
    }

    private static String cell(String text) {
        return " " + pad(text, COLUMN - 1);
    }

    private static String pad(String text, int width) {
        return String.format(Locale.ROOT, "%-" + width + "s", text);
    }
}
