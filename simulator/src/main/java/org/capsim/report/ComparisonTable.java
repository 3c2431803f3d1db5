package org.capsim.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.capsim.metrics.Comparison;
import org.capsim.metrics.Estimate;
import org.capsim.metrics.Summary;

/**
 * The table printed at the end of {@code capsim compare}: each metric's mean ± ci95 per policy,
 * and under it the paired difference of each policy against the first, starred where its 95 %
 * interval leaves out 0; then a few metrics per class and per site, the same way.
 */
public final class ComparisonTable {

    private static final int LABEL = 24;
    private static final int COLUMN = 22;

    /** A metric shown per class or per site: a title line, then a row (and its Δ line) per group. */
    private record Block(String title, String key, double scale) {
    }

    /** Few enough to stay on a screen; summary.json and the page have every one. */
    private static final List<Block> CLASS_BLOCKS = List.of(
            new Block("mean wait by class (h)", "wait_h_mean", 1),
            new Block("jobs completed by class", "jobs_completed", 1),
            new Block("unserved share by class (%)", "unserved_share", 100));
    private static final List<Block> SITE_BLOCKS = List.of(new Block("utilization by site (%)", "utilization", 100));

    private ComparisonTable() {
    }

    /** Policy columns per table, the first's included: 4 keep a line within 120 characters. */
    static final int COLUMNS = 4;

    /**
     * The table, or with more than {@link #COLUMNS} policies one table per group of them, each
     * beginning with the first policy (the one the differences are against), so that no line
     * outgrows a terminal; the notes on Δ and * follow once.
     */
    public static void print(PrintWriter out, List<String> policies, List<Summary> summaries, Comparison comparison) {
        int others = COLUMNS - 1;
        for (int from = 1; from < Math.max(2, policies.size()); from += others) {
            int to = Math.min(policies.size(), from + others);
            if (from > 1) {
                out.println();
            }
            List<String> names = new ArrayList<>(List.of(policies.get(0)));
            names.addAll(policies.subList(Math.min(from, policies.size()), to));
            List<Summary> shown = new ArrayList<>(List.of(summaries.get(0)));
            shown.addAll(summaries.subList(Math.min(from, summaries.size()), to));
            table(out, names, shown, new Comparison(comparison.baseline(),
                    comparison.policies().subList(Math.min(from, policies.size()) - 1, to - 1)));
        }
        out.println();
        out.println("Δ: paired difference against " + comparison.baseline()
                + " over the same replications (common random numbers), ± its 95% half width;");
        out.println("*: the interval leaves out 0. Every metric, per class and per site too, with unpaired intervals:");
        out.println("summary.json \"comparison\".");
    }

    private static void table(PrintWriter out, List<String> policies, List<Summary> summaries, Comparison comparison) {
        StringBuilder head = new StringBuilder(pad("metric", LABEL));
        policies.forEach(p -> head.append(cell(p)));
        out.println(head);
        for (SummaryTable.Row listed : SummaryTable.fleetRows(summaries)) {
            SummaryTable.Row row = SummaryTable.fit(listed, summaries.stream().map(s -> s.metrics().get(listed.key())).toList());
            if (summaries.stream().allMatch(s -> SummaryTable.hidden(row, s))) {
                continue;
            }
            String label = row.label() + (row.unit().isEmpty() ? "" : " (" + row.unit() + ")");
            rows(out, label, "", summaries, s -> s.metrics().get(row.key()), comparison, c -> c.metrics().get(row.key()),
                    row.scale());
        }
        for (String provider : summaries.get(0).providers().keySet()) {
            // a provider may be missing from an arm (scenarios compared as arms): n/a there
            rows(out, provider + " share (%)", "", summaries, s -> estimate(s.providers(), provider, "share_gpu_hours"),
                    comparison, c -> estimate(c.providers(), provider, "share_gpu_hours"), 100);
        }
        CLASS_BLOCKS.forEach(block -> block(out, block, summaries, Summary::classes, comparison, Comparison.Against::classes));
        SITE_BLOCKS.forEach(block -> block(out, block, summaries, Summary::sites, comparison, Comparison.Against::sites));
    }

    /** One metric per group (class or site), under its title; left out where no policy defines it. */
    private static void block(PrintWriter out, Block block, List<Summary> summaries,
            Function<Summary, Map<String, Map<String, Estimate>>> groups, Comparison comparison,
            Function<Comparison.Against, Map<String, Map<String, Comparison.Difference>>> differences) {
        List<String> shown = groups.apply(summaries.get(0)).keySet().stream().filter(group -> summaries.stream()
                .map(s -> estimate(groups.apply(s), group, block.key())).anyMatch(e -> e != null && e.n() > 0)).toList();
        if (shown.isEmpty()) {
            return;
        }
        out.println(block.title());
        for (String group : shown) {
            rows(out, "  " + group, "  ", summaries, s -> estimate(groups.apply(s), group, block.key()), comparison,
                    c -> estimate(differences.apply(c), group, block.key()), block.scale());
        }
    }

    private static <T> T estimate(Map<String, Map<String, T>> groups, String group, String key) {
        Map<String, T> metrics = groups.get(group);
        return metrics == null ? null : metrics.get(key);
    }

    /** A metric's line (each policy's mean ± ci95) and its Δ line under it. */
    private static void rows(PrintWriter out, String label, String indent, List<Summary> summaries,
            Function<Summary, Estimate> value, Comparison comparison,
            Function<Comparison.Against, Comparison.Difference> pick, double scale) {
        StringBuilder line = new StringBuilder(pad(label, LABEL));
        for (Summary s : summaries) {
            line.append(cell(SummaryTable.withCi(value.apply(s), scale)));
        }
        out.println(line);
        out.println(differenceLine(comparison, indent, scale, pick));
    }

    private static String differenceLine(Comparison comparison, String indent, double scale,
            Function<Comparison.Against, Comparison.Difference> pick) {
        StringBuilder line = new StringBuilder(pad(indent + "  Δ vs " + comparison.baseline(), LABEL)).append(cell(""));
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
