package org.capsim.report;

import static j2html.TagCreator.a;
import static j2html.TagCreator.body;
import static j2html.TagCreator.caption;
import static j2html.TagCreator.details;
import static j2html.TagCreator.div;
import static j2html.TagCreator.document;
import static j2html.TagCreator.each;
import static j2html.TagCreator.figcaption;
import static j2html.TagCreator.figure;
import static j2html.TagCreator.footer;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.head;
import static j2html.TagCreator.header;
import static j2html.TagCreator.html;
import static j2html.TagCreator.img;
import static j2html.TagCreator.li;
import static j2html.TagCreator.main;
import static j2html.TagCreator.meta;
import static j2html.TagCreator.p;
import static j2html.TagCreator.pre;
import static j2html.TagCreator.rawHtml;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.strong;
import static j2html.TagCreator.style;
import static j2html.TagCreator.summary;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.title;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.ul;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import j2html.tags.DomContent;
import j2html.tags.specialized.TableTag;
import j2html.tags.specialized.TrTag;
import org.capsim.experiment.Morris;
import org.capsim.experiment.Precision;
import org.capsim.experiment.Sensitivity;
import org.capsim.metrics.Comparison;
import org.capsim.metrics.Estimate;
import org.capsim.metrics.Summary;
import org.capsim.report.data.ReportData;
import org.capsim.report.data.SweepData;

/**
 * index.html: one self-contained page per report (styles inline, charts as SVG data URIs, no
 * script, nothing fetched), built as an element tree by j2html, which escapes every text and
 * attribute, so a scenario's description or a policy's name cannot break the page.
 */
public final class IndexPage {

    /** A chart on the page: its figure and the SVG text drawn for it. */
    public record Chart(String name, String title, String caption, String svg) {
    }

    static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; margin: 0;
                   color: #222; background: #fafafa; }
            header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 20px; }
            header { padding-top: 18px; }
            h1 { font-size: 1.7em; margin: 0.3em 0 0.1em; }
            h2 { font-size: 1.25em; margin: 1.6em 0 0.5em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
            p.description { font-size: 1.05em; color: #444; margin: 0.2em 0 1em; }
            table { border-collapse: collapse; margin: 0.4em 0 1em; background: #fff; font-size: 0.92em;
                    display: block; width: max-content; max-width: 100%; overflow-x: auto; } /* a wide one scrolls in its box */
            caption { text-align: left; font-weight: 600; padding: 0.3em 0; }
            th, td { border: 1px solid #ddd; padding: 4px 10px; text-align: right; white-space: nowrap; }
            th:first-child, td:first-child { text-align: left; }
            thead th { background: #f0f0f0; white-space: normal; } /* headings wrap, numbers never: wide tables fit */
            table.parameters td { text-align: left; white-space: normal; }
            td.differs { font-weight: 700; }
            figure.chart { margin: 1.2em 0; background: #fff; border: 1px solid #e4e4e4; padding: 10px; }
            figure.chart img { display: block; max-width: 100%; height: auto; }
            figcaption { font-size: 0.92em; color: #444; margin-top: 6px; }
            figcaption strong { color: #222; }
            figcaption a { margin-right: 0.8em; }
            pre { background: #fff; border: 1px solid #e4e4e4; padding: 10px; overflow-x: auto; font-size: 0.85em; }
            footer { color: #777; font-size: 0.85em; padding-bottom: 30px; }
            .note { color: #666; font-size: 0.9em; }
            """;

    private IndexPage() {
    }

    /** The page of a run, a comparison, or one sweep point. */
    public static String render(ReportData data, List<Chart> charts, String scenarioYaml, boolean chartsDrawn) {
        String name = data.header().name();
        List<DomContent> sections = new ArrayList<>();
        sections.add(section(h2("Parameters"), parameters(data)));
        sections.add(section(h2("Summary"), p(span("Mean over replications ± half width of the 95 % confidence interval "
                + "(Student t).")).withClass("note"), summaryTable(data), providerTable(data), powerTables(data),
                classTable(data), demandTable(data)));
        if (data.report().comparison() != null) {
            sections.add(section(h2("Comparison against " + data.report().comparison().baseline()),
                    p("Paired differences (policy minus " + data.report().comparison().baseline() + ") over the same "
                            + "replications; bold where the 95 % interval excludes 0. In brackets: the half width "
                            + "without pairing.").withClass("note"), comparisonTable(data.report().comparison(), data.report().summaries()),
                    groupComparison("Workload classes", "class", data.report().comparison(), Comparison.Against::classes,
                            CLASS_DIFFERENCES, "comparison-classes"),
                    groupComparison("Workload classes: demand served", "class", data.report().comparison(),
                            Comparison.Against::classes, CLASS_DEMAND_DIFFERENCES, "comparison-demand"),
                    groupComparison("Sites", "site", data.report().comparison(), Comparison.Against::sites,
                            SITE_DIFFERENCES, "comparison-sites")));
        }
        if (!charts.isEmpty()) {
            sections.add(section(h2("Charts"), each(charts, IndexPage::chart)));
        } else if (!chartsDrawn) {
            sections.add(section(h2("Charts"), p("Charts were skipped (--no-charts). To draw them: capsim report "
                    + "<this folder>").withClass("note")));
        }
        // scenarios compared as arms write summary.json alone: link only what the folder holds
        sections.add(section(h2("Files"), files(List.of(
                file("summary.json", "every metric: mean, ci95, n"), file("jobs.csv", "one row per job per replication"),
                file("sites.csv", "each pool over time"), file("scenario.yaml", "the scenario as run")).stream()
                .filter(f -> f.name().equals("summary.json") || data.dir() == null
                        || java.nio.file.Files.exists(data.dir().resolve(f.name()))).toList())));
        if (scenarioYaml != null) {
            sections.add(details(summary("The scenario file as run"), pre(scenarioYaml)));
        }
        return page("capsim: " + name, name, data.header().description(), sections);
    }

    /** The page at the top of a sweep: its table and charts, and a link to each point's page. */
    public static String renderSweep(String name, String description, SweepData sweep, List<Chart> charts) {
        List<DomContent> sections = new ArrayList<>();
        sections.add(section(h2("Sweep"), p("Each point is a full report (follow its link); the table shows the "
                + "headline figures, mean ± 95 % half width.").withClass("note"), sweepTable(sweep)));
        if (!charts.isEmpty()) {
            sections.add(section(h2("Charts"), each(charts, IndexPage::chart)));
        }
        sections.add(section(h2("Files"), files(List.of(file("sweep.csv", "every metric of every point")))));
        return page("capsim sweep: " + name, name + " (sweep)", description, sections);
    }

    /** The page of a sensitivity study: which key moves each metric most, its tornado charts and table. */
    public static String renderSensitivity(SensitivityFiles.Document study, List<Chart> charts) {
        List<DomContent> sections = new ArrayList<>();
        List<TrTag> parameters = new ArrayList<>(List.of(row("scenario", study.scenario()), row("policy", study.policy()),
                row("replications", study.replications() + ", seed " + study.seed()), row("method", study.method())));
        provenance(study.provenance(), parameters);
        sections.add(section(h2("Parameters"), table(tbody(each(parameters, r -> r))).withClass("parameters")));
        if (!charts.isEmpty()) {
            sections.add(section(h2("Which assumption matters most?"), each(charts, IndexPage::chart)));
        }
        if (study.screening() != null) {
            sections.add(section(h2("Screening"), p("Per metric, the keys by mu*, the mean absolute elementary effect "
                    + "(change of the metric per range of the key) over " + study.screening().trajectories()
                    + " trajectories; mu keeps the sign; sigma is the effects' standard deviation.").withClass("note"),
                    each(study.screening().metrics(), metric -> screeningTable(study.screening(), metric))));
        } else {
            sections.add(section(h2("Sensitivity"), p("Per metric, the keys by the larger of |Δ low| and |Δ high|; "
                    + "Δ: paired difference against the base, ± 95 % half width; bold where the interval excludes 0.")
                    .withClass("note"), each(study.study().metrics(), metric -> sensitivityTable(study, metric))));
        }
        String csv = study.screening() != null ? "morris.csv" : "sensitivity.csv";
        sections.add(section(h2("Files"), files(List.of(file(csv, "a row per key and metric"),
                file("summary.json", "the same under \"" + (study.screening() != null ? "morris" : "sensitivity")
                        + "\"")))));
        return page("capsim sensitivity: " + study.scenario(), study.scenario() + " (sensitivity)", study.description(),
                sections);
    }

    /** A metric's name, and its unit where it has one: "spend_usd ($M)". */
    private static DomContent unitCaption(String metric, SummaryTable.Unit unit) {
        return caption(metric + (unit.name().isEmpty() ? "" : " (" + unit.name() + ")"));
    }

    /** A metric's keys by mu*, in the unit the console's table shows them in ($M, %). */
    private static DomContent screeningTable(Morris screening, String metric) {
        List<Morris.Effect> ranked = screening.ranked(metric);
        SummaryTable.Unit unit = SummaryTable.screeningUnit(metric, ranked);
        double scale = unit.scale();
        return table(unitCaption(metric, unit),
                thead(tr(th("key"), th("low"), th("high"), th("mu*"), th("mu"), th("sigma"))),
                tbody(each(ranked, e -> tr(td(e.key()), td(e.low()), td(e.high()), td(SummaryTable.number(e.muStar() * scale)),
                        td(SummaryTable.number(e.mu() * scale)), td(SummaryTable.number(e.sigma() * scale))))))
                .withClass("morris");
    }

    /** A metric's keys, its figures in the unit the console's table shows them in ($M, %). */
    private static DomContent sensitivityTable(SensitivityFiles.Document study, String metric) {
        List<Sensitivity.Row> ranked = study.study().ranked(metric);
        SummaryTable.Unit unit = SummaryTable.sensitivityUnit(metric, ranked);
        double scale = unit.scale();
        return table(unitCaption(metric, unit),
                thead(tr(th("key"), th("low"), th("high"), th("base"), th("Δ low"), th("Δ high"))),
                tbody(each(ranked, r -> tr(td(r.key()), td(r.low()), td(r.high()),
                        td(SummaryTable.number(r.baseMean() * scale)), delta(r.lowDelta() * scale, r.lowDeltaCi95() * scale),
                        delta(r.highDelta() * scale, r.highDeltaCi95() * scale))))).withClass("sensitivity");
    }

    private static DomContent delta(double mean, double ci95) {
        if (!Double.isFinite(mean)) {
            return td("n/a");
        }
        String text = SummaryTable.number(mean) + " ± " + SummaryTable.number(ci95);
        return Double.isFinite(ci95) && Math.abs(mean) > ci95 ? td(text).withClass("differs") : td(text);
    }

    private static String page(String title, String heading, String description, List<DomContent> sections) {
        return document(html(
                head(meta().withCharset("utf-8"), meta().withName("viewport").withContent("width=device-width, initial-scale=1"),
                        title(title), style().with(rawHtml(CSS))), // our own constant: nothing from a user in it
                body(header(h1(heading), p(description).withClass("description")),
                        main(each(sections, s -> s)),
                        footer(p("Written by capsim. Rebuild this page and its charts from the CSV and JSON files "
                                + "with: capsim report <this folder>")))).withLang("en")) + "\n";
    }

    // ---- parameters ----

    private static DomContent parameters(ReportData data) {
        var header = data.header();
        var report = data.report();
        List<TrTag> rows = new ArrayList<>();
        rows.add(row("scenario", header.name()));
        rows.add(row("period", header.start() + " to " + header.horizon() + (header.warmupDays() > 0
                ? " (first " + Num.format(header.warmupDays()) + (header.warmupDays() == 1 ? " day is" : " days are")
                        + " warm-up, left out of the statistics)" : "")));
        rows.add(row(report.policies().size() > 1 ? "policies" : "policy", String.join(", ", report.policies())));
        if (report.deal() != null) {
            rows.add(row("deal", report.deal() + " (the scenario's own routing)"));
        }
        rows.add(row("replications", report.replications() + ", seed " + report.seed()));
        if (!header.scheduling().isEmpty()) {
            rows.add(row("scheduling", header.scheduling()));
        }
        report.overrides().forEach((key, value) -> rows.add(row("--set " + key, value)));
        Precision.Outcome precision = report.precision();
        if (precision != null) {
            rows.add(row("precision", String.format(Locale.ROOT, "target: mean wait within %.1f %%; reached %s after %d "
                    + "replications (%s)", precision.target() * 100, Double.isNaN(precision.reached()) ? "n/a"
                    : String.format(Locale.ROOT, "%.1f %%", precision.reached() * 100), report.replications(),
                    precision.met() ? "met" : "not met")));
        }
        for (String provider : data.providers()) {
            List<String> sites = new ArrayList<>();
            data.siteOwners().forEach((site, owner) -> {
                if (owner.equals(provider)) {
                    sites.add(site + installedAtEnd(data, site));
                }
            });
            rows.add(row("provider " + provider, data.providerName(provider) + (sites.isEmpty() ? "" : "; sites: "
                    + String.join(", ", sites))));
        }
        provenance(report.provenance(), rows);
        return table(tbody(each(rows, r -> r))).withClass("parameters");
    }

    /** What made the report (absent from a report written before provenance was recorded). */
    private static void provenance(Provenance p, List<TrTag> rows) {
        if (p == null) {
            return;
        }
        rows.add(row("made by", "capsim " + p.capsim() + ", commit " + p.commit() + "; " + p.jdk() + "; " + p.os()));
        rows.add(row("command", p.command()));
        rows.add(row("scenario sha256", p.scenarioSha256()));
        p.inputs().forEach(input -> rows.add(row("file " + input.file(), "sha256 " + input.sha256())));
        rows.add(row("ran", p.started() + " to " + p.ended() + " (" + Num.format(p.wallSeconds()) + " s)"));
    }

    private static String installedAtEnd(ReportData data, String site) {
        Map<String, Estimate> metrics = data.report().summaries().get(0).sites().get(site);
        Estimate end = metrics == null ? null : metrics.get("installed_gpus_end");
        return end == null || Double.isNaN(end.mean()) ? ""
                : String.format(Locale.ROOT, " (%,.0f GPUs at the end)", end.mean());
    }

    private static TrTag row(String key, String value) {
        return tr(td(key), td(value));
    }

    // ---- tables ----

    private static DomContent summaryTable(ReportData data) {
        List<Summary> summaries = data.report().summaries();
        List<SummaryTable.Row> rows = new ArrayList<>();
        for (SummaryTable.Row listed : SummaryTable.fleetRows(summaries)) {
            SummaryTable.Row row = SummaryTable.fit(listed, summaries.stream().map(s -> s.metrics().get(listed.key())).toList());
            if (summaries.stream().anyMatch(s -> !SummaryTable.hidden(row, s))) {
                rows.add(row);
            }
        }
        return table(caption("Fleet"), thead(tr(th("metric"), each(data.policies(), policy -> th(policy)))),
                tbody(each(rows, row -> tr(td(label(row)), each(summaries,
                        s -> td(SummaryTable.withCi(s.metrics().get(row.key()), row.scale()))))))).withClass("summary");
    }

    private static String label(SummaryTable.Row row) {
        return row.label() + (row.unit().isEmpty() ? "" : " (" + row.unit() + ")");
    }

    private static final List<SummaryTable.Row> PROVIDER_ROWS = List.of(
            new SummaryTable.Row("share_gpu_hours", "share of GPU-hours", 100, "%"),
            new SummaryTable.Row("utilization", "utilization", 100, "%"),
            new SummaryTable.Row("gpu_hours", "GPU-hours", 1e-6, "M"),
            new SummaryTable.Row("spend_usd", "spend", 1e-9, "$B"),
            new SummaryTable.Row("jobs_started", "jobs started", 1, ""));

    private static DomContent providerTable(ReportData data) {
        List<SummaryTable.Row> columns = new ArrayList<>(SummaryTable.fitted(groups(data, Summary::providers), PROVIDER_ROWS));
        if (SummaryTable.anyIn(groups(data, Summary::providers), List.of(SummaryTable.PROVIDER_SERVED))) {
            columns.add(SummaryTable.PROVIDER_SERVED);
        }
        return groupTable(data, "Providers", "provider", Summary::providers, data::providerName, columns)
                .withClass("providers");
    }

    /**
     * Power, energy and carbon per provider and per site (SPEC 6.2), in tables of their own (the
     * providers' table would outgrow a laptop's width); absent in a report without them.
     */
    private static DomContent powerTables(ReportData data) {
        List<SummaryTable.Row> providers = SummaryTable.fitted(groups(data, Summary::providers), SummaryTable.POWER);
        List<SummaryTable.Row> sites = SummaryTable.fitted(groups(data, Summary::sites), SummaryTable.POWER);
        if (providers.isEmpty() && sites.isEmpty()) {
            return null;
        }
        return div(providers.isEmpty() ? null : groupTable(data, "Providers: power, energy and carbon", "provider",
                Summary::providers, data::providerName, providers).withClass("providers-power"),
                sites.isEmpty() ? null : groupTable(data, "Sites: power, energy and carbon", "site", Summary::sites,
                        site -> site + siteOwner(data, site), sites).withClass("sites"));
    }

    private static String siteOwner(ReportData data, String site) {
        String owner = data.siteOwners().get(site);
        return owner == null || owner.isEmpty() ? "" : " (" + data.providerName(owner) + ")";
    }

    /** A row per group (and policy, when comparing), a column per metric: mean ± ci95, n/a where a group lacks it. */
    private static TableTag groupTable(ReportData data, String title, String heading,
            java.util.function.Function<Summary, Map<String, Map<String, Estimate>>> kind,
            java.util.function.Function<String, String> name, List<SummaryTable.Row> columns) {
        List<DomContent> rows = new ArrayList<>();
        for (String policy : data.policies()) {
            kind.apply(data.summary(policy)).forEach((group, metrics) -> rows.add(tr(td(name.apply(group)),
                    data.comparing() ? td(policy) : null,
                    each(columns, row -> td(SummaryTable.withCi(metrics.get(row.key()), row.scale()))))));
        }
        return table(caption(title), thead(tr(th(heading), data.comparing() ? th("policy") : null,
                each(columns, row -> th(label(row))))), tbody(each(rows, r -> r)));
    }

    /** Each policy's groups of one kind (classes, providers). */
    private static List<Map<String, Map<String, Estimate>>> groups(ReportData data,
            java.util.function.Function<Summary, Map<String, Map<String, Estimate>>> kind) {
        return data.report().summaries().stream().map(kind).toList();
    }

    private static final List<SummaryTable.Row> CLASS_ROWS = List.of(
            new SummaryTable.Row("jobs_arrived", "arrived", 1, ""),
            new SummaryTable.Row("jobs_completed", "completed", 1, ""),
            new SummaryTable.Row("wait_h_mean", "mean wait", 1, "h"),
            new SummaryTable.Row("wait_h_p95", "p95 wait", 1, "h"),
            new SummaryTable.Row("gpu_hours", "GPU-hours", 1e-6, "M"));

    private static DomContent classTable(ReportData data) {
        List<DomContent> rows = new ArrayList<>();
        for (String policy : data.policies()) {
            data.summary(policy).classes().forEach((name, metrics) -> rows.add(tr(td(name),
                    data.comparing() ? td(policy) : null,
                    each(CLASS_ROWS, row -> td(SummaryTable.withCi(metrics.get(row.key()), row.scale()))))));
        }
        return table(caption("Workload classes"), thead(tr(th("class"), data.comparing() ? th("policy") : null,
                each(CLASS_ROWS, row -> th(label(row))))), tbody(each(rows, r -> r))).withClass("classes");
    }

    /**
     * Per class, what became of its demand (a limited-demand scenario's figures), in a table of its
     * own beside the classes' table, which would grow too wide for a laptop; absent without them.
     */
    private static DomContent demandTable(ReportData data) {
        if (!SummaryTable.anyIn(groups(data, Summary::classes), SummaryTable.CLASS_DEMAND)) {
            return null;
        }
        List<DomContent> rows = new ArrayList<>();
        for (String policy : data.policies()) {
            data.summary(policy).classes().forEach((name, metrics) -> rows.add(tr(td(name),
                    data.comparing() ? td(policy) : null, each(SummaryTable.CLASS_DEMAND,
                            row -> td(SummaryTable.withCi(metrics.get(row.key()), row.scale()))))));
        }
        return table(caption("Demand by workload class"), thead(tr(th("class"), data.comparing() ? th("policy") : null,
                each(SummaryTable.CLASS_DEMAND, row -> th(label(row))))), tbody(each(rows, r -> r))).withClass("demand");
    }

    private static DomContent comparisonTable(Comparison comparison, List<Summary> summaries) {
        List<SummaryTable.Row> rows = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        comparison.policies().forEach(a -> keys.addAll(a.metrics().keySet()));
        for (SummaryTable.Row listed : SummaryTable.fleetRows(keys)) {
            if (keys.contains(listed.key())) {
                // in the unit of the Fleet table above it
                rows.add(SummaryTable.fit(listed, summaries.stream().map(s -> s.metrics().get(listed.key())).toList()));
            }
        }
        return table(thead(tr(th("Δ metric"), each(comparison.policies(),
                a -> th(a.policy() + " − " + comparison.baseline())))),
                tbody(each(rows, row -> tr(td(label(row)), each(comparison.policies(), a -> difference(
                        a.metrics().get(row.key()), row.scale())))))).withClass("comparison");
    }

    /** The class metrics compared on the page, those of limited demand where a class has them. */
    private static final List<SummaryTable.Row> CLASS_DIFFERENCES = List.of(
            new SummaryTable.Row("wait_h_mean", "mean wait", 1, "h"),
            new SummaryTable.Row("wait_h_p95", "p95 wait", 1, "h"),
            new SummaryTable.Row("jobs_completed", "completed", 1, ""),
            new SummaryTable.Row("gpu_hours", "GPU-hours", 1e-6, "M"));

    /** Limited demand's class figures: a table of their own, so neither outgrows a laptop's width. */
    private static final List<SummaryTable.Row> CLASS_DEMAND_DIFFERENCES = List.of(
            new SummaryTable.Row("jobs_abandoned", "abandoned", 1, ""),
            new SummaryTable.Row("unserved_share", "unserved", 100, "%"),
            new SummaryTable.Row("served_gpu_hours", "served GPU-hours", 1e-6, "M"));

    private static final List<SummaryTable.Row> SITE_DIFFERENCES = List.of(
            new SummaryTable.Row("utilization", "utilization", 100, "%"),
            new SummaryTable.Row("busy_gpu_hours", "busy GPU-hours", 1e-6, "M"));

    /**
     * The paired differences per class or per site: a row per group and policy, a column per
     * metric of {@code candidates} that some group has; null (no table) without groups, as in a
     * summary.json from before they were compared.
     */
    private static DomContent groupComparison(String title, String heading, Comparison comparison,
            Function<Comparison.Against, Map<String, Map<String, Comparison.Difference>>> groups,
            List<SummaryTable.Row> candidates, String cssClass) {
        List<SummaryTable.Row> rows = candidates.stream().filter(row -> comparison.policies().stream()
                .anyMatch(a -> groups.apply(a).values().stream().anyMatch(m -> m.containsKey(row.key())))).toList();
        Set<String> names = new LinkedHashSet<>();
        comparison.policies().forEach(a -> names.addAll(groups.apply(a).keySet()));
        if (names.isEmpty() || rows.isEmpty()) {
            return null;
        }
        List<DomContent> lines = new ArrayList<>();
        for (String name : names) {
            for (Comparison.Against a : comparison.policies()) {
                Map<String, Comparison.Difference> metrics = groups.apply(a).getOrDefault(name, Map.of());
                lines.add(tr(td(name), td(a.policy() + " − " + comparison.baseline()),
                        each(rows, row -> difference(metrics.get(row.key()), row.scale()))));
            }
        }
        return table(caption(title), thead(tr(th(heading), th("policy"), each(rows, row -> th("Δ " + label(row))))),
                tbody(each(lines, line -> line))).withClass(cssClass);
    }

    private static DomContent difference(Comparison.Difference d, double scale) {
        if (d == null || d.n() == 0 || Double.isNaN(d.mean())) {
            return td("n/a");
        }
        String text = SummaryTable.number(d.mean() * scale) + " ± " + SummaryTable.number(d.ci95() * scale)
                + (Double.isFinite(d.unpairedCi95()) ? " (± " + SummaryTable.number(d.unpairedCi95() * scale) + ")" : "");
        return d.excludesZero() ? td(text).withClass("differs") : td(text);
    }

    private static DomContent sweepTable(SweepData sweep) {
        record Cell(int point, String folder, List<String> values, String policy) {
        }
        List<Cell> cells = new ArrayList<>();
        for (SweepData.Row r : sweep.rows()) {
            Cell cell = new Cell(r.point(), r.folder(), r.values(), r.policy());
            if (!cells.contains(cell)) {
                cells.add(cell);
            }
        }
        List<String> metrics = List.of("wait_h_mean", "wait_h_p95", "jobs_completed", "utilization", "spend_usd");
        List<SummaryTable.Row> rows = new ArrayList<>();
        for (String key : metrics) {
            for (SummaryTable.Row row : SummaryTable.FLEET) {
                if (row.key().equals(key)) {
                    rows.add(SummaryTable.fit(row, sweep.rows().stream().filter(r -> r.metric().equals(key))
                            .map(SweepData.Row::estimate).toList()));
                }
            }
        }
        return table(thead(tr(th("point"), each(sweep.paths(), path -> th(path)), th("policy"),
                each(rows, row -> th(label(row))))),
                tbody(each(cells, cell -> tr(td(a(cell.folder()).withHref(cell.folder() + "/index.html")),
                        each(cell.values(), value -> td(value)), td(cell.policy()),
                        each(rows, row -> td(SummaryTable.withCi(estimate(sweep, cell.point(), cell.policy(), row.key()),
                                row.scale()))))))).withClass("sweep");
    }

    private static Estimate estimate(SweepData sweep, int point, String policy, String metric) {
        return sweep.rows().stream().filter(r -> r.point() == point && r.policy().equals(policy) && r.metric().equals(metric))
                .map(SweepData.Row::estimate).findFirst().orElse(null);
    }

    // ---- charts and files ----

    static DomContent chart(Chart chart) {
        String uri = "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(chart.svg().getBytes(StandardCharsets.UTF_8));
        return figure(img().withSrc(uri).withAlt(chart.title()),
                figcaption(strong(chart.title() + ". "), span(chart.caption() + " "),
                        a("PNG").withHref("charts/" + chart.name() + ".png"),
                        a("SVG").withHref("charts/" + chart.name() + ".svg")))
                .withClass("chart").withId("chart-" + chart.name());
    }

    private record FileLink(String name, String what) {
    }

    private static FileLink file(String name, String what) {
        return new FileLink(name, what);
    }

    private static DomContent files(List<FileLink> files) {
        return ul(each(files, f -> li(a(f.name()).withHref(f.name()), span(": " + f.what())))).withClass("files");
    }
}
