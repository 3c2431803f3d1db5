package org.capsim.report;

import static j2html.TagCreator.body;
import static j2html.TagCreator.document;
import static j2html.TagCreator.each;
import static j2html.TagCreator.footer;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.head;
import static j2html.TagCreator.header;
import static j2html.TagCreator.html;
import static j2html.TagCreator.main;
import static j2html.TagCreator.meta;
import static j2html.TagCreator.p;
import static j2html.TagCreator.style;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.title;
import static j2html.TagCreator.tr;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.capsim.report.chart.Figure;
import org.capsim.report.chart.FigureFiles;
import org.capsim.report.chart.TraceCharts;
import org.capsim.trace.SkipReason;
import org.capsim.trace.TraceProfile;

/**
 * What {@code capsim trace} says of a trace (SPEC 6.5): a few lines on the terminal, and a small
 * page with the same figures and two charts (arrivals per week, job sizes) in a folder of its own.
 */
public final class TraceReport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TraceReport() {
    }

    /** One line of the description: what, and its value in words. */
    public record Fact(String what, String value) {
    }

    /** The description's lines, for the terminal and the page alike. */
    public static List<Fact> facts(TraceProfile profile) {
        List<Fact> facts = new ArrayList<>();
        long rows = profile.jobs() + profile.skippedTotal();
        String skipped = profile.skippedTotal() == 0 ? "none skipped" : profile.skippedTotal() + " skipped: " + reasons(profile);
        facts.add(new Fact("jobs", String.format(Locale.ROOT, "%,d of %,d rows (%s)", profile.jobs(), rows, skipped)));
        if (profile.jobs() == 0) {
            return facts;
        }
        double first = profile.firstSubmit();
        double last = profile.lastSubmit();
        String days = String.format(Locale.ROOT, "%,.1f days", (last - first) / 86_400);
        facts.add(new Fact("submitted", profile.format().absoluteTimes()
                ? WHEN.format(Instant.ofEpochSecond((long) first)) + " to " + WHEN.format(Instant.ofEpochSecond((long) last))
                        + " (" + days + "; times as the file gives them)"
                : String.format(Locale.ROOT, "%,.0f s to %,.0f s from the trace's start (%s)", first, last, days)));
        facts.add(new Fact("GPU-hours", String.format(Locale.ROOT, "%,.1f", profile.gpuHours())));
        facts.add(new Fact("GPUs per job", String.format(Locale.ROOT, "mean %.2f, largest %,d", profile.meanGpus(),
                profile.maxGpus())));
        facts.add(new Fact("run time (hours)", String.format(Locale.ROOT, "median %s, p90 %s, p99 %s, longest %s",
                hours(profile.runHours(0.5)), hours(profile.runHours(0.9)), hours(profile.runHours(0.99)),
                hours(profile.runHours(1)))));
        long[] weeks = profile.arrivalsPerWeek();
        long[] sorted = weeks.clone();
        Arrays.sort(sorted);
        int busiest = 0;
        for (int i = 1; i < weeks.length; i++) {
            busiest = weeks[i] > weeks[busiest] ? i : busiest;
        }
        facts.add(new Fact("arrivals per week", String.format(Locale.ROOT, "%,d week%s: median %,d, busiest %,d (week %d)",
                weeks.length, weeks.length == 1 ? "" : "s", sorted[(sorted.length - 1) / 2], weeks[busiest], busiest + 1)));
        return facts;
    }

    private static String hours(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.3g", value);
    }

    /** "1 with no GPUs, 8 job steps (e.g. 123.batch)". */
    private static String reasons(TraceProfile profile) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<SkipReason, Long> e : profile.skipped().entrySet()) {
            if (e.getValue() > 0) {
                parts.add(String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey().words(e.getValue())));
            }
        }
        return String.join(", ", parts);
    }

    /** The size table's rows: GPUs, jobs, % of jobs, % of GPU-hours. */
    private static List<String[]> sizeRows(TraceProfile profile) {
        List<String[]> rows = new ArrayList<>();
        for (TraceProfile.SizeBucket b : profile.sizes()) {
            rows.add(new String[] {b.label(), String.format(Locale.ROOT, "%,d", b.jobs()),
                String.format(Locale.ROOT, "%.2f", 100.0 * b.jobs() / profile.jobs()),
                String.format(Locale.ROOT, "%.2f", profile.gpuHours() == 0 ? 0 : 100 * b.gpuHours() / profile.gpuHours())});
        }
        return rows;
    }

    /** The description on the terminal. */
    public static void print(PrintWriter out, String file, TraceProfile profile) {
        out.println(file + ": " + profile.format().description());
        for (Fact fact : facts(profile)) {
            out.printf(Locale.ROOT, "  %-18s %s%n", fact.what(), fact.value());
        }
        if (profile.jobs() > 0) {
            out.printf(Locale.ROOT, "  %-18s %10s %12s %8s %8s%n", "sizes", "GPUs", "jobs", "% jobs", "% GPU-h");
            for (String[] row : sizeRows(profile)) {
                out.printf(Locale.ROOT, "  %-18s %10s %12s %8s %8s%n", "", row[0], row[1], row[2], row[3]);
            }
        }
        out.flush();
    }

    /**
     * Writes {@code index.html} and {@code charts/} (arrivals per week, job sizes; PNG and SVG) to
     * {@code target}, through a temporary folder moved into place when complete.
     */
    public static void write(Path target, String file, TraceProfile profile) throws IOException {
        try (ReportFolder folder = ReportFolder.create(target)) {
            Path charts = Files.createDirectories(folder.dir().resolve("charts"));
            List<IndexPage.Chart> drawn = new ArrayList<>();
            if (profile.jobs() > 0) {
                String subtitle = file.substring(file.lastIndexOf('/') + 1) + " (" + profile.format().key() + ")";
                List<TraceProfile.SizeBucket> sizes = profile.sizes();
                double[] jobShare = sizes.stream().mapToDouble(b -> 100.0 * b.jobs() / profile.jobs()).toArray();
                double[] hourShare = sizes.stream()
                        .mapToDouble(b -> profile.gpuHours() == 0 ? 0 : 100 * b.gpuHours() / profile.gpuHours()).toArray();
                for (Figure figure : List.of(TraceCharts.arrivals(profile.arrivalsPerWeek(), subtitle),
                        TraceCharts.sizes(sizes.stream().map(TraceProfile.SizeBucket::label).toArray(String[]::new), jobShare,
                                hourShare, subtitle))) {
                    drawn.add(new IndexPage.Chart(figure.name(), figure.title(), figure.caption(), FigureFiles.write(figure, charts)));
                }
            }
            Files.writeString(folder.dir().resolve("index.html"), page(file, profile, drawn), StandardCharsets.UTF_8);
            folder.commit();
        }
    }

    private static String page(String file, TraceProfile profile, List<IndexPage.Chart> charts) {
        return document(html(head(meta().withCharset("utf-8"), title("Trace " + file), style(IndexPage.CSS)),
                body(header(h1("Trace " + file), p(profile.format().description()).withClass("description")),
                        main(table(tbody(each(facts(profile), f -> tr(td(f.what()), td(f.value()))))).withClass("parameters"),
                                h2("Job sizes"),
                                table(thead(tr(th("GPUs"), th("jobs"), th("% of jobs"), th("% of GPU-hours"))),
                                        tbody(each(sizeRows(profile), r -> tr(td(r[0]), td(r[1]), td(r[2]), td(r[3]))))),
                                h2("Charts"), each(charts, IndexPage::chart)),
                        footer(p("Written by capsim trace, without simulating. Replay it with a trace class: kind: trace, file: "
                                + file + ", format: " + profile.format().key() + "."))))).trim() + "\n";
    }
}
