package org.capsim.scenario;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.capsim.demand.ArrivalRate;
import org.capsim.demand.DemandLimits;
import org.capsim.demand.InferenceClass;
import org.capsim.demand.ScalingLawClass;
import org.capsim.demand.SizedClass;
import org.capsim.demand.Trace;
import org.capsim.demand.TraceClass;
import org.capsim.demand.WorkloadClass;
import org.capsim.model.Calendar;
import org.capsim.model.GpuType;
import org.capsim.random.Distribution;
import org.capsim.scenario.YamlReader.Mapping;
import org.capsim.trace.TraceFormat;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code demand} (SPEC section 3): the workload classes that bring training jobs
 * (scaling-law, sized, trace) and, through {@link InferenceReader}, the inference classes that
 * reserve GPUs. Checks that some class brings a job.
 */
final class DemandReader {

    /** Expected arrivals per replication, at most. */
    static final double MAX_EXPECTED_JOBS = 200_000_000;
    private static final List<String> RATE_KEYS = List.of("arrivals-per-hour", "arrivals-per-day", "arrivals-per-year");

    /** The classes as read, in file order: training workloads and inference reservations. */
    record Demand(List<WorkloadClass> classes, List<InferenceClass> reservations) {
    }

    private final ScenarioInput input;
    private final YamlReader yaml;
    private final DeclaredNames declared;
    private final Map<String, GpuType> types;
    private final Calendar calendar;
    private final InferenceReader inferences;
    private final DemandLimitsReader limits;

    /** @param calendar the simulated period, or null when it could not be read */
    DemandReader(ScenarioInput input, DeclaredNames declared, Map<String, GpuType> types, Calendar calendar) {
        this.input = input;
        this.yaml = input.yaml();
        this.declared = declared;
        this.types = types;
        this.calendar = calendar;
        this.inferences = new InferenceReader(input, declared, calendar);
        this.limits = new DemandLimitsReader(input, calendar);
    }

    /** The classes; problems of the section and of the traces it names go to the input's problems. */
    Demand read(Mapping root) {
        List<WorkloadClass> classes = new ArrayList<>();
        List<InferenceClass> reservations = new ArrayList<>();
        Demand demand = new Demand(classes, reservations);
        List<Node> items = input.requiredList(root, "demand", "at least one workload class is needed");
        if (items == null || items.isEmpty()) {
            return demand;
        }
        Map<String, Integer> names = new HashMap<>();
        List<Node> zeroRates = new ArrayList<>();
        List<String> zeroPaths = new ArrayList<>();
        boolean anyJobs = false;
        boolean allRead = true;
        for (int i = 0; i < items.size(); i++) {
            String path = YamlReader.index("demand", i);
            Mapping c = yaml.mapping(items.get(i), path);
            if (c == null) {
                allRead = false;
                continue;
            }
            String name = input.required(c, "class", n -> yaml.name(n, c.path("class"), ScenarioInput.NAME, ScenarioInput.NAME_RULE));
            if (name != null && names.putIfAbsent(name, i) != null) {
                yaml.problem(c.get("class"), c.path("class"), "duplicate class '" + name + "' (also demand[" + names.get(name) + "])");
            }
            String kind = input.required(c, "kind", n -> yaml.choice(n, c.path("kind"),
                    List.of("scaling-law", "sized", "trace", "inference")));
            int priority = input.optional(c, "priority", 0L, n -> yaml.integer(n, c.path("priority"), -1_000_000, 1_000_000)).intValue();
            if (kind == null) {
                c.keys().forEach(c::get); // its other keys depend on the kind: nothing more to say
                allRead = false;
                continue;
            }
            limits.rejectMisplaced(c, kind);
            WorkloadClass workload = null;
            switch (kind) {
                case "scaling-law" -> workload = scalingLaw(c, name, priority);
                case "sized" -> workload = sized(c, name, priority);
                case "trace" -> workload = trace(c, name, priority);
                default -> {
                    if (c.has("priority")) {
                        yaml.problem(c.keyNode("priority"), c.path("priority"), "an inference class has no jobs to "
                                + "prioritise; its reservation always comes before training");
                    }
                    InferenceClass inference = inferences.read(c, name);
                    c.rejectUnknownKeys();
                    if (inference == null) {
                        allRead = false;
                    } else {
                        reservations.add(inference);
                    }
                    continue;
                }
            }
            c.rejectUnknownKeys();
            if (workload == null) {
                allRead = false;
                continue;
            }
            classes.add(workload);
            if (workload instanceof TraceClass t) {
                anyJobs |= t.trace().size() > 0;
            } else {
                ArrivalRate rate = workload instanceof ScalingLawClass s ? s.arrivals() : ((SizedClass) workload).arrivals();
                if (rate.perHour() > 0) {
                    anyJobs = true;
                } else {
                    String rateKey = rateKey(c);
                    zeroRates.add(c.get(rateKey));
                    zeroPaths.add(c.path(rateKey));
                }
            }
        }
        if (allRead && !anyJobs && !(classes.isEmpty() && !reservations.isEmpty())) {
            if (zeroRates.isEmpty()) {
                yaml.problem(root.get("demand"), "demand", "no workload class brings any job within the simulated period");
            }
            for (int i = 0; i < zeroRates.size(); i++) {
                yaml.problem(zeroRates.get(i), zeroPaths.get(i), "the rate is 0 and no other class brings jobs: nothing would ever arrive");
            }
        }
        return demand;
    }

    private static String rateKey(Mapping c) {
        return RATE_KEYS.stream().filter(c::has).findFirst().orElse(RATE_KEYS.get(1));
    }

    private ArrivalRate arrivals(Mapping c) {
        List<String> given = RATE_KEYS.stream().filter(c::has).toList();
        RATE_KEYS.forEach(c::get);
        Node growthNode = c.get("arrivals-growth-per-year");
        Double growth = growthNode == null ? Double.valueOf(1.0) : input.positive(growthNode, c.path("arrivals-growth-per-year"), 1000);
        if (given.size() != 1) {
            yaml.problem(given.size() > 1 ? c.keyNode(given.get(1)) : c.node(), c.path(), given.isEmpty()
                    ? "missing the arrival rate: give one of arrivals-per-hour, arrivals-per-day, arrivals-per-year"
                    : "give only one of arrivals-per-hour, arrivals-per-day, arrivals-per-year (found "
                            + String.join(", ", given) + ")");
            return null;
        }
        String key = given.get(0);
        double perUnit = key.equals("arrivals-per-hour") ? 1 : key.equals("arrivals-per-day") ? 24 : Calendar.HOURS_PER_YEAR;
        Double rate = yaml.number(c.get(key), c.path(key), 0, 1e7 * perUnit / 24);
        if (rate == null || growth == null) {
            return null;
        }
        ArrivalRate arrivals = new ArrivalRate(rate / perUnit, growth);
        if (calendar != null) {
            double expected = expectedArrivals(arrivals, calendar.endHours());
            if (expected > MAX_EXPECTED_JOBS) {
                yaml.problem(c.get(key), c.path(key), String.format(java.util.Locale.ROOT,
                        "would bring about %.3g jobs per replication; the limit is %.0f", expected, MAX_EXPECTED_JOBS));
                return null;
            }
        }
        return arrivals;
    }

    /** Expected Poisson arrivals in [0, end]: the integral of the (growing) rate. */
    static double expectedArrivals(ArrivalRate rate, double end) {
        if (rate.growthPerYear() == 1.0) {
            return rate.perHour() * end;
        }
        double k = Math.log(rate.growthPerYear()) / Calendar.HOURS_PER_YEAR;
        return rate.perHour() * Math.expm1(k * end) / k;
    }

    private ScalingLawClass scalingLaw(Mapping c, String name, int priority) {
        ArrivalRate arrivals = arrivals(c);
        Double median = input.required(c, "median-flops", n -> input.positive(n, c.path("median-flops"), 1e40));
        Double growth = input.optional(c, "flops-growth-per-year", 1.0, n -> input.positive(n, c.path("flops-growth-per-year"), 1000));
        Double sigma = input.optional(c, "flops-sigma", 0.0, n -> yaml.number(n, c.path("flops-sigma"), 0, 10));
        Double mfu = input.required(c, "mfu", n -> input.positive(n, c.path("mfu"), 1));
        Double targetDays = input.required(c, "target-days", n -> input.positive(n, c.path("target-days"), 36525));
        Long maxGpus = input.optional(c, "max-gpus", (long) Integer.MAX_VALUE, n -> yaml.integer(n, c.path("max-gpus"), 1, ScenarioInput.MAX_POOL_GPUS));
        Double minFraction = limits.minFraction(c);
        DemandLimits bounds = limits.limits(c);
        if (name == null || arrivals == null || median == null || growth == null || sigma == null || mfu == null
                || targetDays == null || maxGpus == null || minFraction == null || bounds == null) {
            return null;
        }
        return new ScalingLawClass(name, priority, arrivals, median, growth, sigma, mfu, targetDays * 24, maxGpus.intValue(),
                minFraction, bounds);
    }

    private SizedClass sized(Mapping c, String name, int priority) {
        ArrivalRate arrivals = arrivals(c);
        DistributionReader distributions = input.distributions();
        Distribution gpus = input.required(c, "gpus", n -> distributions.read(n, c.path("gpus"),
                new DistributionReader.Bounds(0, true, ScenarioInput.MAX_TRANCHE_GPUS)));
        Distribution hours = input.required(c, "hours", n -> distributions.read(n, c.path("hours"),
                new DistributionReader.Bounds(0, false, 1e6)));
        GpuType reference = referenceGpu(c);
        DemandLimits bounds = limits.limits(c);
        if (name == null || arrivals == null || gpus == null || hours == null || (c.has("reference-gpu") && reference == null)
                || bounds == null) {
            return null;
        }
        return new SizedClass(name, priority, arrivals, gpus, hours, reference, bounds);
    }

    private GpuType referenceGpu(Mapping c) {
        Node node = c.get("reference-gpu");
        if (node == null) {
            return null;
        }
        String typeName = yaml.text(node, c.path("reference-gpu"));
        if (typeName != null && !types.containsKey(typeName)) {
            if (declared.unknownType(typeName)) {
                yaml.problem(node, c.path("reference-gpu"), declared.unknownTypeMessage(typeName));
            }
            return null;
        }
        return typeName == null ? null : types.get(typeName);
    }

    private TraceClass trace(Mapping c, String name, int priority) {
        String fileName = input.required(c, "file", n -> yaml.text(n, c.path("file")));
        String formatKey = input.optional(c, "format", TraceFormat.CSV.key(),
                n -> yaml.choice(n, c.path("format"), TraceFormat.keys()));
        TraceFormat format = formatKey == null ? null : TraceFormat.of(formatKey).orElseThrow();
        boolean csv = format == TraceFormat.CSV;
        if (format != null && !csv) {
            // the other formats say their own columns and units
            for (String key : List.of("columns", "time-unit")) {
                if (c.has(key)) {
                    c.get(key);
                    yaml.problem(c.keyNode(key), c.path(key), "only a CSV trace (format: csv) takes '" + key
                            + "'; format " + formatKey + " has its own columns and units");
                    format = null;
                }
            }
        }
        TraceReader.Columns columns = csv ? traceColumns(c) : null;
        String unit = csv ? input.optional(c, "time-unit", "seconds", n -> yaml.choice(n, c.path("time-unit"), List.of("seconds", "minutes", "hours")))
                : "seconds";
        LocalDate origin = input.optional(c, "origin", calendar == null ? null : calendar.start(), n -> yaml.date(n, c.path("origin")));
        GpuType reference = referenceGpu(c);
        DemandLimits bounds = limits.limits(c);
        if (name == null || fileName == null || format == null || (csv && columns == null) || unit == null || calendar == null
                || origin == null || (c.has("reference-gpu") && reference == null)) {
            return null;
        }
        double hoursPerUnit = switch (unit) {
            case "seconds" -> 1.0 / 3600;
            case "minutes" -> 1.0 / 60;
            default -> 1.0;
        };
        Path tracePath = input.resolve(fileName);
        String traceLabel = input.relativeLabel(fileName);
        if (!input.readableFile(c.get("file"), c.path("file"), tracePath, traceLabel, "trace")) {
            return null;
        }
        Trace trace = csv
                ? TraceReader.read(tracePath, traceLabel, columns, hoursPerUnit, calendar.hoursAt(origin),
                        calendar.endHours(), name, c.path(), input.problems())
                : FormatTraceReader.read(tracePath, traceLabel, format, calendar.hoursAt(origin), calendar.endHours(),
                        c.path(), input.problems());
        if (trace == null) {
            return null;
        }
        String dropped = FormatTraceReader.reasons(trace.dropped());
        if (!dropped.isEmpty()) {
            input.note(traceLabel + ": " + trace.dropped().values().stream().mapToInt(i -> i).sum()
                    + " rows skipped, not replayed: " + dropped);
        }
        if (trace.skipped() > 0) {
            input.note(traceLabel + ": " + trace.skipped() + " rows arrive before " + calendar.start() + " or after "
                    + calendar.horizon() + " and are not replayed");
        }
        if (trace.reordered()) {
            input.note(traceLabel + ": rows are not in submit-time order; they are replayed in submit-time order");
        }
        if (trace.size() == 0) {
            yaml.problem(c.get("file"), c.path("file"), "no row of the trace arrives between " + calendar.start()
                    + " and " + calendar.horizon() + " (check origin" + (csv ? " and time-unit)" : ")"));
            return null;
        }
        if (bounds == null) {
            return null;
        }
        return new TraceClass(name, priority, trace, reference, bounds);
    }

    private TraceReader.Columns traceColumns(Mapping c) {
        Node node = c.get("columns");
        if (node == null) {
            return new TraceReader.Columns("submit_time_s", "num_gpus", "duration_s", null);
        }
        Mapping m = yaml.mapping(node, c.path("columns"));
        if (m == null) {
            return null;
        }
        String submit = input.optional(m, "submit", "submit_time_s", n -> yaml.text(n, m.path("submit")));
        String gpus = input.optional(m, "gpus", "num_gpus", n -> yaml.text(n, m.path("gpus")));
        String duration = input.optional(m, "duration", "duration_s", n -> yaml.text(n, m.path("duration")));
        Node idNode = m.get("id");
        String id = idNode == null ? null : yaml.text(idNode, m.path("id"));
        m.rejectUnknownKeys();
        if (submit == null || gpus == null || duration == null || (idNode != null && id == null)) {
            return null;
        }
        return new TraceReader.Columns(submit, gpus, duration, id);
    }
}
