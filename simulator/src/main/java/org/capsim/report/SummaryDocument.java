package org.capsim.report;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.capsim.experiment.Precision;
import org.capsim.metrics.Comparison;
import org.capsim.metrics.Estimate;
import org.capsim.metrics.Summary;
import org.capsim.policy.PolicyRegistry;
import org.capsim.scenario.Scenario;

/**
 * summary.json's schema (SPEC section 4), stated once: {@link SummaryJson} writes and reads these
 * records. Each key is its component's name in snake_case, in the components' order; an absent
 * optional part is left out. A document holds what its file says: a figure JSON cannot hold (an
 * infinity, NaN) is NaN here and null in the file. The provenance block comes first, so that
 * {@link Provenance#strip} can take it out by lines.
 */
record SummaryDocument(@JsonInclude(JsonInclude.Include.NON_NULL) Provenance provenance, String scenario,
        String description, long seed, int replications, String start, String horizon, double warmupDays,
        String scheduling, @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> traceRowsSkipped,
        Fleet fleet, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> set,
        @JsonInclude(JsonInclude.Include.NON_NULL) Target precision, List<PolicyFigures> policies,
        @JsonInclude(JsonInclude.Include.NON_NULL) Paired comparison) {

    /** What the charts need of the scenario that the folder's CSV files do not say. */
    record Fleet(Map<String, GpuType> gpuTypes, Map<String, Provider> providers, Map<String, Site> sites) {
    }

    /**
     * A GPU type's peak, for capacity in PFLOP/s; and, only in a scenario that reports power, its
     * draw (kW at full load and the busy and idle shares), for the power chart. Absent otherwise,
     * so older scenarios keep their bytes.
     */
    record GpuType(double peakTflops, @JsonInclude(JsonInclude.Include.NON_NULL) Double kwPerGpu,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double busyFraction,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double idleFraction) {
    }

    /** A provider's display name. */
    record Provider(String name) {
    }

    /** A site's provider id. */
    record Site(String provider) {
    }

    /** How {@code --target-ci} ended. */
    record Target(String metric, double target, double reached, boolean met, int maxReplications) {
    }

    /**
     * One policy's figures: the fleet's metrics, then per class, provider and site.
     *
     * @param routing of the arm labelled {@code deal} only: the scenario's routing it ran, in words
     */
    record PolicyFigures(String policy, @JsonInclude(JsonInclude.Include.NON_NULL) String routing,
            Map<String, Figure> metrics, Map<String, Map<String, Figure>> classes,
            Map<String, Map<String, Figure>> providers, Map<String, Map<String, Figure>> sites) {
    }

    /** A metric over replications. */
    record Figure(double mean, double ci95, int n) {
    }

    /** The policies after the first against the first. */
    record Paired(String baseline, String method, List<Against> policies) {
    }

    /** One policy against the baseline: the fleet's metrics, then per class, provider and site. */
    record Against(String policy, Map<String, Difference> metrics, Map<String, Map<String, Difference>> classes,
            Map<String, Map<String, Difference>> providers, Map<String, Map<String, Difference>> sites) {
    }

    /** A paired difference over replications. */
    record Difference(double mean, double ci95, int n, boolean excludesZero, double unpairedCi95) {
    }

    private static final String METHOD = "paired differences over common random numbers: policy minus baseline, per replication";

    /** The document for {@code report} of {@code scenario}, as its file will say it. */
    static SummaryDocument of(Scenario scenario, SummaryJson.Report report) {
        Map<String, Site> sites = new LinkedHashMap<>();
        scenario.sites().forEach(site -> sites.put(site.id(), new Site(site.provider())));
        boolean power = scenario.reportsPower();
        Fleet fleet = new Fleet(each(scenario.gpuTypes(), type -> power
                ? new GpuType(written(type.peakTflops()), written(type.kwPerGpu()), written(type.busyFraction()),
                        written(type.idleFraction()))
                : new GpuType(written(type.peakTflops()), null, null, null)),
                each(scenario.providers(), provider -> new Provider(provider.name())), sites);
        Precision.Outcome p = report.precision();
        Target precision = p == null ? null : new Target(Precision.METRIC, written(p.target()), written(p.reached()), p.met(),
                p.maxReplications());
        List<PolicyFigures> policies = new ArrayList<>();
        for (int i = 0; i < report.policies().size(); i++) {
            Summary s = report.summaries().get(i);
            String label = report.policies().get(i);
            policies.add(new PolicyFigures(label, label.equals(PolicyRegistry.DEAL) ? report.deal() : null,
                    each(s.metrics(), SummaryDocument::figure),
                    groups(s.classes()), groups(s.providers()), groups(s.sites())));
        }
        Comparison c = report.comparison();
        Paired comparison = c == null ? null : new Paired(c.baseline(), METHOD, c.policies().stream()
                .map(a -> new Against(a.policy(), each(a.metrics(), SummaryDocument::difference), differences(a.classes()),
                        differences(a.providers()), differences(a.sites())))
                .toList());
        return new SummaryDocument(report.provenance(), scenario.name(), scenario.description(), report.seed(), report.replications(),
                scenario.calendar().start().toString(), scenario.calendar().horizon().toString(),
                written(scenario.warmupHours() / 24), scenario.scheduling().key(), scenario.traceRowsSkipped(), fleet, report.overrides(), precision, policies, comparison);
    }

    private static Map<String, Map<String, Figure>> groups(Map<String, Map<String, Estimate>> groups) {
        return each(groups, metrics -> each(metrics, SummaryDocument::figure));
    }

    private static Figure figure(Estimate e) {
        return new Figure(written(e.mean()), written(e.ci95()), e.n());
    }

    private static Difference difference(Comparison.Difference d) {
        return new Difference(written(d.mean()), written(d.ci95()), d.n(), d.excludesZero(), written(d.unpairedCi95()));
    }

    /** A figure as read back: JSON has no infinity or NaN, so either is null in the file and NaN when read. */
    private static double written(double value) {
        return Double.isFinite(value) ? value : Double.NaN;
    }

    /**
     * What the document says, checked for the parts a report cannot do without.
     *
     * @throws ReportFormatException naming the key that is missing or wrong (without the file)
     */
    SummaryJson.Snapshot snapshot() throws ReportFormatException {
        Fleet parts = fleet == null ? new Fleet(null, null, null) : fleet;
        SummaryJson.Header header = new SummaryJson.Header(text(scenario, "scenario"), description == null ? "" : description,
                date(start, "start"), date(horizon, "horizon"), warmupDays, scheduling == null ? "" : scheduling,
                eachKeyed(parts.providers(), (id, p) -> p.name() == null ? id : p.name()),
                eachKeyed(parts.sites(), (id, s) -> s.provider() == null ? "" : s.provider()),
                each(parts.gpuTypes(), GpuType::peakTflops), draws(parts.gpuTypes()));
        if (policies == null) {
            throw new ReportFormatException("policies: missing or not a list");
        }
        if (policies.isEmpty()) {
            throw new ReportFormatException("policies: empty");
        }
        List<String> labels = new ArrayList<>();
        List<Summary> summaries = new ArrayList<>();
        String deal = null;
        for (int i = 0; i < policies.size(); i++) {
            PolicyFigures p = policies.get(i);
            labels.add(text(p.policy(), "policies[" + i + "].policy"));
            deal = deal != null ? deal : p.routing();
            summaries.add(new Summary(replications, each(p.metrics(), SummaryDocument::estimate), estimates(p.classes()),
                    estimates(p.providers()), estimates(p.sites())));
        }
        Precision.Outcome outcome = precision == null ? null
                : new Precision.Outcome(precision.target(), precision.reached(), precision.met(), precision.maxReplications());
        return new SummaryJson.Snapshot(header, new SummaryJson.Report(seed, labels, summaries, againstBaseline(), outcome,
                set == null ? Map.of() : set, deal, provenance));
    }

    /** The types whose draw the file gives in full (a scenario that reports power), in order. */
    private static Map<String, SummaryJson.GpuDraw> draws(Map<String, GpuType> types) {
        Map<String, SummaryJson.GpuDraw> out = new LinkedHashMap<>();
        if (types != null) {
            types.forEach((name, t) -> {
                if (given(t.kwPerGpu()) && given(t.busyFraction()) && given(t.idleFraction())) {
                    out.put(name, new SummaryJson.GpuDraw(t.kwPerGpu(), t.busyFraction(), t.idleFraction()));
                }
            });
        }
        return out;
    }

    /** A figure the file has: an absent one reads back as NaN (null in the file), not as null. */
    private static boolean given(Double figure) {
        return figure != null && !figure.isNaN();
    }

    private Comparison againstBaseline() throws ReportFormatException {
        if (comparison == null) {
            return null;
        }
        if (comparison.policies() == null) {
            throw new ReportFormatException("comparison.policies: missing or not a list");
        }
        List<Comparison.Against> against = new ArrayList<>();
        for (int i = 0; i < comparison.policies().size(); i++) {
            Against a = comparison.policies().get(i);
            against.add(new Comparison.Against(text(a.policy(), "comparison.policies[" + i + "].policy"),
                    each(a.metrics(), SummaryDocument::difference), pairedDifferences(a.classes()),
                    pairedDifferences(a.providers()), pairedDifferences(a.sites())));
        }
        return new Comparison(text(comparison.baseline(), "comparison.baseline"), against);
    }

    /** Groups of paired differences as the file says them. */
    private static Map<String, Map<String, Difference>> differences(Map<String, Map<String, Comparison.Difference>> groups) {
        return each(groups, metrics -> each(metrics, SummaryDocument::difference));
    }

    /** Groups as read back; one absent (a summary.json from before classes and sites were compared) is empty. */
    private static Map<String, Map<String, Comparison.Difference>> pairedDifferences(Map<String, Map<String, Difference>> groups) {
        return each(groups, metrics -> each(metrics, SummaryDocument::difference));
    }

    private static Map<String, Map<String, Estimate>> estimates(Map<String, Map<String, Figure>> groups) {
        return each(groups, metrics -> each(metrics, SummaryDocument::estimate));
    }

    private static Estimate estimate(Figure f) {
        return new Estimate(f.mean(), f.ci95(), f.n());
    }

    private static Comparison.Difference difference(Difference d) {
        return new Comparison.Difference(d.mean(), d.ci95(), d.n(), d.unpairedCi95()); // excludes_zero follows from these
    }

    private static String text(String value, String key) throws ReportFormatException {
        if (value == null) {
            throw new ReportFormatException(key + ": missing or not a text");
        }
        return value;
    }

    private static LocalDate date(String value, String key) throws ReportFormatException {
        try {
            return LocalDate.parse(text(value, key));
        } catch (DateTimeParseException e) {
            throw new ReportFormatException(key + ": not a date (yyyy-mm-dd): " + value);
        }
    }

    /** {@code map}'s values through {@code part}, in its order; an absent map as an empty one. */
    private static <A, B> Map<String, B> each(Map<String, A> map, Function<A, B> part) {
        return eachKeyed(map, (key, value) -> part.apply(value));
    }

    private static <A, B> Map<String, B> eachKeyed(Map<String, A> map, BiFunction<String, A, B> part) {
        Map<String, B> out = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((key, value) -> out.put(key, part.apply(key, value)));
        }
        return out;
    }
}
