package org.capsim.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.capsim.experiment.Morris;
import org.capsim.experiment.Sensitivity;
import org.capsim.metrics.Estimate;
import org.capsim.metrics.Summary;

/** The one-screen summary printed at the end of {@code capsim run}. */
public final class SummaryTable {

    private SummaryTable() {
    }

    /** @param optional hidden when it is 0 or n/a (a feature the scenario does not use) */
    record Row(String key, String label, double scale, String unit, boolean optional) {
        Row(String key, String label, double scale, String unit) {
            this(key, label, scale, unit, false);
        }
    }

    /**
     * capsim's fleet rows, in the order a planner reads them. The demand rows (abandoned, unfunded,
     * demanded and served GPU-hours) are only in a limited-demand scenario's summary.json, and are
     * shown whenever they are there: there a 0 is news.
     */
    static final Row[] FLEET = {
        new Row("wait_h_mean", "mean wait", 1, "h"),
        new Row("wait_h_p50", "median wait", 1, "h"),
        new Row("wait_h_p95", "p95 wait", 1, "h"),
        new Row("wait_h_p99", "p99 wait", 1, "h"),
        new Row("wait_h_abandoned_mean", "abandoned wait", 1, "h"),
        new Row("jobs_arrived", "jobs arrived", 1, ""),
        new Row("jobs_completed", "jobs completed", 1, ""),
        new Row("jobs_running", "jobs running at end", 1, ""),
        new Row("jobs_waiting", "jobs waiting at end", 1, ""),
        new Row("jobs_rejected", "jobs rejected", 1, ""),
        new Row("jobs_abandoned", "jobs abandoned", 1, ""),
        new Row("jobs_unfunded", "jobs unfunded", 1, ""),
        new Row("rofr_offers", "ROFR offers", 1, ""),
        new Row("rofr_refusals", "ROFR refusals", 1, ""),
        new Row("rofr_accepted", "ROFR accepted", 1, "", true),
        new Row("rofr_promises_broken", "ROFR promises broken", 1, "", true),
        new Row("installed_gpus_end", "installed GPUs at end", 1, ""),
        new Row("utilization", "utilization", 100, "%"),
        new Row("gpu_hours", "GPU-hours", 1e-6, "M"),
        new Row("demand_gpu_hours", "demanded GPU-hours", 1e-6, "M"),
        new Row("served_gpu_hours", "served GPU-hours", 1e-6, "M"),
        new Row("unserved_share", "unserved share", 100, "%"),
        new Row("spend_usd", "spend", 1e-9, "$B"),
        new Row("energy_mwh", "energy", 1, "MWh"),
        new Row("energy_cost_usd", "energy cost", 1e-6, "$M"),
        new Row("co2_t", "CO2", 1, "t"),
        new Row("power_peak_mw", "peak draw", 1, "MW"),
        new Row("stranded_gpu_hours", "stranded GPU-hours", 1e-6, "M"),
        new Row("idle_gpu_hours", "idle GPU-hours", 1e-6, "M"),
        new Row("reserved_gpu_hours", "inference GPU-hours", 1e-6, "M", true),
        new Row("interruptions", "interruptions", 1, "", true),
        new Row("goodput", "goodput", 100, "%", true),
        new Row("commitment_spend_usd", "commitment spend", 1e-9, "$B", true),
        new Row("commitment_pace_usd", "commitment pace", 1e-9, "$B", true),
        new Row("commitment_spend_vs_pace", "commitment vs pace", 100, "%", true),
    };

    /**
     * The power rows (SPEC 6.2), only in the summary.json of a scenario that reports power (and
     * cost or CO2 only where a site has a price or an intensity): per provider and per site.
     */
    static final List<Row> POWER = List.of(FLEET).stream().filter(row -> Set.of("energy_mwh", "energy_cost_usd", "co2_t",
            "power_peak_mw", "stranded_gpu_hours", "idle_gpu_hours").contains(row.key())).toList();

    /**
     * A row in the unit its figures read best in: energy in GWh and CO2 in kt once the largest
     * reaches a thousand MWh or tonnes (a fleet of GPUs over a year), MWh and t below; money in
     * $, $k, $M or $B, whichever puts the largest between 1 and 1000 (a small cluster's spend
     * is not "$B 0.00002").
     */
    static Row fit(Row row, Collection<Estimate> figures) {
        double largest = figures.stream().filter(e -> e != null && e.n() > 0 && !Double.isNaN(e.mean()))
                .mapToDouble(e -> Math.abs(e.mean())).max().orElse(0);
        if (row.unit().startsWith("$")) {
            return money(row, largest);
        }
        if (largest < 1000) {
            return row;
        }
        return switch (row.unit()) {
            case "MWh" -> new Row(row.key(), row.label(), row.scale() * 1e-3, "GWh", row.optional());
            case "t" -> new Row(row.key(), row.label(), row.scale() * 1e-3, "kt", row.optional());
            default -> row;
        };
    }

    private static final String[] MONEY = {"$", "$k", "$M", "$B"};

    /** A money row (figures in US$) in the unit that fits {@code largest}; as given when there is nothing to fit. */
    private static Row money(Row row, double largest) {
        if (largest == 0 || !Double.isFinite(largest)) {
            return row;
        }
        int unit = 0;
        while (unit < MONEY.length - 1 && largest >= 1000 * Math.pow(1000, unit)) {
            unit++;
        }
        return new Row(row.key(), row.label(), Math.pow(1000, -unit), MONEY[unit], row.optional());
    }

    /** A unit figures are shown in, and the factor from the metric's own unit to it. */
    public record Unit(String name, double scale) {
    }

    /**
     * The unit for a metric's figures whose largest magnitude is {@code largest}: $, $k, $M or $B
     * for money (names ending in {@code _usd}), as the summary table picks it; % or M where the
     * summary table shows the metric so (utilization, unserved_share, gpu_hours); else the metric's own.
     */
    public static Unit unitFor(String metric, double largest) {
        if (!metric.endsWith("_usd")) {
            for (Row row : FLEET) {
                if (row.key().equals(metric) && row.scale() != 1) {
                    return new Unit(row.unit(), row.scale());
                }
            }
            return new Unit("", 1);
        }
        Row row = money(new Row(metric, metric, 1, "$"), Math.abs(largest));
        return new Unit(row.unit(), row.scale());
    }

    /** The unit of a screening's figures for {@code metric}: {@link #unitFor} its largest |mu*| or sigma. */
    public static Unit screeningUnit(String metric, List<Morris.Effect> effects) {
        return unitFor(metric, effects.stream().mapToDouble(e -> Math.max(Math.abs(e.muStar()), Math.abs(e.sigma())))
                .filter(Double::isFinite).max().orElse(0));
    }

    /** The unit of a sensitivity table's figures for {@code metric}: {@link #unitFor} its base. */
    public static Unit sensitivityUnit(String metric, List<Sensitivity.Row> rows) {
        double base = rows.isEmpty() ? Double.NaN : rows.get(0).baseMean();
        return unitFor(metric, Double.isFinite(base) ? base : 0);
    }

    /** The money unit, and its scale from US$, for {@code values} in US$: as {@link #fit} picks it. */
    static Row money(String key, String label, Collection<Estimate> figures) {
        return fit(new Row(key, label, 1e-9, "$B"), figures);
    }

    /** {@code rows} that some group has, each in the unit that fits the groups' figures. */
    static List<Row> fitted(Collection<Map<String, Map<String, Estimate>>> groups, List<Row> rows) {
        List<Row> out = new ArrayList<>();
        for (Row row : rows) {
            List<Estimate> figures = groups.stream().flatMap(g -> g.values().stream()).map(m -> m.get(row.key()))
                    .filter(e -> e != null).toList();
            if (!figures.isEmpty()) {
                out.add(fit(row, figures));
            }
        }
        return out;
    }

    /**
     * The fleet rows for these metric names: capsim's own, then, under their own names, those a
     * routing policy reports itself (see {@code PolicyMetrics}), in the order first given.
     */
    static List<Row> fleetRows(Collection<String> metrics) {
        List<Row> rows = new ArrayList<>(List.of(FLEET));
        Set<String> known = new HashSet<>();
        rows.forEach(row -> known.add(row.key()));
        for (String metric : metrics) {
            if (known.add(metric)) {
                rows.add(new Row(metric, metric, 1, "", true));
            }
        }
        return rows;
    }

    /** The fleet rows of these summaries. */
    static List<Row> fleetRows(List<Summary> summaries) {
        Set<String> metrics = new LinkedHashSet<>();
        summaries.forEach(s -> metrics.addAll(s.metrics().keySet()));
        return fleetRows(metrics);
    }

    public static void print(PrintWriter out, Summary summary) {
        out.printf(Locale.ROOT, "%-22s %14s %12s%n", "metric", "mean", "± ci95");
        for (Row listed : fleetRows(List.of(summary))) {
            Estimate e = summary.metrics().get(listed.key());
            Row row = fit(listed, java.util.Collections.singletonList(e));
            if (!hidden(row, summary)) {
                out.printf(Locale.ROOT, "%-22s %14s %12s%n", row.label() + (row.unit().isEmpty() ? "" : " (" + row.unit() + ")"),
                        number(e.mean() * row.scale()), e.n() == 0 ? "" : "± " + number(e.ci95() * row.scale()));
            }
        }
        out.println();
        boolean served = anyIn(List.of(summary.providers()), List.of(PROVIDER_SERVED));
        Row spend = money("spend_usd", "spend", summary.providers().values().stream().map(p -> p.get("spend_usd")).toList());
        out.printf(Locale.ROOT, "%-14s %12s %12s %14s %12s" + (served ? " %14s" : "") + "%n", "provider", "share (%)",
                "util (%)", "GPU-hours (M)", "spend (" + spend.unit() + ")", "served (M)");
        for (Map.Entry<String, Map<String, Estimate>> entry : summary.providers().entrySet()) {
            Map<String, Estimate> p = entry.getValue();
            out.printf(Locale.ROOT, "%-14s %12s %12s %14s %12s" + (served ? " %14s" : "") + "%n", entry.getKey(),
                    number(p.get("share_gpu_hours").mean() * 100), number(p.get("utilization").mean() * 100),
                    number(p.get("gpu_hours").mean() * 1e-6), number(p.get("spend_usd").mean() * spend.scale()),
                    served ? mean(p.get(PROVIDER_SERVED.key()), PROVIDER_SERVED.scale()) : "");
        }
        List<Row> power = fitted(List.of(summary.providers()), POWER);
        if (!power.isEmpty()) {
            printPower(out, summary.providers(), power);
        }
        if (anyIn(List.of(summary.classes()), CLASS_DEMAND)) {
            printClassDemand(out, summary);
        }
    }

    /** Per provider, its power figures (means; "n/a" where a provider lacks one, e.g. no price at its sites). */
    private static void printPower(PrintWriter out, Map<String, Map<String, Estimate>> providers, List<Row> rows) {
        out.println();
        StringBuilder format = new StringBuilder("%-14s");
        List<Object> heading = new ArrayList<>(List.of("provider"));
        for (Row row : rows) {
            String label = row.label() + " (" + row.unit() + ")";
            format.append(" %").append(Math.max(12, label.length())).append('s');
            heading.add(label);
        }
        format.append("%n");
        out.printf(Locale.ROOT, format.toString(), heading.toArray());
        providers.forEach((name, metrics) -> {
            List<Object> cells = new ArrayList<>(List.of(name));
            rows.forEach(row -> cells.add(mean(metrics.get(row.key()), row.scale())));
            out.printf(Locale.ROOT, format.toString(), cells.toArray());
        });
    }

    /** Per class, what became of its demand: abandoned and unfunded jobs, served GPU-hours, unserved share ± ci95. */
    private static void printClassDemand(PrintWriter out, Summary summary) {
        out.println();
        String format = "%-14s %10s %10s %12s %14s %14s %16s%n";
        out.printf(Locale.ROOT, format, "class", "abandoned", "unfunded", "wait ab. (h)", "demanded (M)", "served (M)",
                "unserved (%)");
        summary.classes().forEach((name, metrics) -> {
            List<String> cells = new ArrayList<>(List.of(name));
            for (Row row : CLASS_DEMAND) {
                Estimate e = metrics.get(row.key());
                cells.add(row.key().equals("unserved_share") ? withCi(e, row.scale()) : mean(e, row.scale()));
            }
            out.printf(Locale.ROOT, format, cells.toArray());
        });
    }

    /** The scaled mean, or "n/a". */
    private static String mean(Estimate e, double scale) {
        return e == null || e.n() == 0 ? "n/a" : number(e.mean() * scale);
    }

    /** Per class (and the served GPU-hours per provider), the figures of a limited-demand scenario. */
    static final List<Row> CLASS_DEMAND = List.of(
            new Row("jobs_abandoned", "abandoned", 1, ""),
            new Row("jobs_unfunded", "unfunded", 1, ""),
            new Row("wait_h_abandoned_mean", "mean wait of abandoned", 1, "h"),
            new Row("demand_gpu_hours", "demanded GPU-hours", 1e-6, "M"),
            new Row("served_gpu_hours", "served GPU-hours", 1e-6, "M"),
            new Row("unserved_share", "unserved", 100, "%"));
    static final Row PROVIDER_SERVED = new Row("served_gpu_hours", "served GPU-hours", 1e-6, "M");

    /** Whether any group of the summaries has any of these rows' metrics. */
    static boolean anyIn(Collection<Map<String, Map<String, Estimate>>> groups, List<Row> rows) {
        return groups.stream().flatMap(g -> g.values().stream())
                .anyMatch(metrics -> rows.stream().anyMatch(row -> metrics.containsKey(row.key())));
    }

    /** Whether an optional row stays hidden: the feature is unused in this run. */
    static boolean hidden(Row row, Summary summary) {
        Estimate e = summary.metrics().get(row.key());
        return e == null || row.optional() && (e.mean() == 0 || Double.isNaN(e.mean()) || hiddenGoodput(row, summary));
    }

    /** Goodput is worth a row only when jobs were interrupted. */
    private static boolean hiddenGoodput(Row row, Summary summary) {
        Estimate interruptions = summary.metrics().get("interruptions");
        return row.key().equals("goodput") && (interruptions == null || interruptions.mean() == 0);
    }

    /** "mean ± ci95" scaled, or "n/a" where no replication defined it. */
    static String withCi(Estimate e, double scale) {
        if (e == null || e.n() == 0) {
            return "n/a";
        }
        return number(e.mean() * scale) + " ± " + number(e.ci95() * scale);
    }

    /** Three significant digits, or "n/a". */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        if (magnitude == 0) {
            return "0";
        }
        if (magnitude >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
