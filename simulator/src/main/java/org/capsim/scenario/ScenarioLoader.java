package org.capsim.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.capsim.demand.ArrivalRate;
import org.capsim.demand.InferenceClass;
import org.capsim.demand.ScalingLawClass;
import org.capsim.demand.SizedClass;
import org.capsim.demand.Trace;
import org.capsim.demand.TraceClass;
import org.capsim.demand.WorkloadClass;
import org.capsim.model.Calendar;
import org.capsim.model.Failures;
import org.capsim.model.GpuType;
import org.capsim.model.Provider;
import org.capsim.model.Scheduling;
import org.capsim.model.Site;
import org.capsim.model.Tranche;
import org.capsim.policy.PolicyLookupException;
import org.capsim.policy.PolicyRegistry;
import org.capsim.policy.RoutingPolicy;
import org.capsim.random.Distribution;
import org.capsim.scenario.YamlReader.Mapping;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads and validates a scenario file (SPEC.md section 3) into an immutable {@link Scenario}.
 * Every problem of the file, and of the traces and data files it names, is collected and thrown
 * at once as a {@link ScenarioException}; each names the file, line, column and key path.
 */
public final class ScenarioLoader {

    /** Ids of scenarios, sites and providers, as used in folder names and CSV: [a-z0-9-]+. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    static final String ID_RULE = "use lower-case letters, digits and '-'";
    /** Names of GPU types and workload classes. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    static final String NAME_RULE = "use letters, digits, '_', '.' and '-'";

    /** Up-front limits, so an absurd input is an error naming the key, not an out-of-memory crash. */
    static final long MAX_TRANCHE_GPUS = 100_000_000L;
    static final long MAX_POOL_GPUS = 1_000_000_000L;
    static final double MAX_EXPECTED_JOBS = 200_000_000;
    public static final int MAX_REPLICATIONS = 100_000;
    static final long MAX_SIMULATED_DAYS = 100L * 366;
    /** sites.csv grid rows per pool and replication, at most. */
    static final double MAX_SAMPLES = 1_000_000;

    private static final String DEFAULT_POLICY = "earliest-start";
    /** Longest delay a tranche may be given (about 100 years). */
    static final double MAX_DELAY_DAYS = 36_525;

    /**
     * @param registry    the policies the scenario may name
     * @param policies    policies the command line runs instead of {@code routing.policy} and its
     *                    phases ({@code run --policy}: one; {@code compare --policies}: several);
     *                    empty for the scenario's own
     * @param assignments {@code --set} values applied to the file, in order, before it is validated
     */
    public record Options(PolicyRegistry registry, List<String> policies, List<Assignment> assignments) {

        public Options {
            policies = List.copyOf(policies);
            assignments = List.copyOf(assignments);
        }

        /** One policy instead of the scenario's (or null for the scenario's), no assignments. */
        public Options(PolicyRegistry registry, String policyOverride) {
            this(registry, policyOverride == null ? List.of() : List.of(policyOverride), List.of());
        }

        /** The same options with {@code assignments} instead, e.g. one point of a {@link Sweep}. */
        public Options withAssignments(List<Assignment> assignments) {
            return new Options(registry, policies, assignments);
        }

        /** The option that named the policies, for messages. */
        String policiesOption() {
            return policies.size() == 1 ? "--policy" : "--policies";
        }
    }

    private final YamlReader yaml;
    private final Problems problems;
    private final Path file;
    private final String label;
    private final Options options;
    private final List<String> notes = new ArrayList<>();
    /** Names given in the file, also those whose entry had problems: no "unknown" noise about them. */
    private final Set<String> declaredTypes = new LinkedHashSet<>();
    private final Set<String> declaredProviders = new LinkedHashSet<>();
    /** Providers named by a site, also a site with problems: the "holder has no sites" check must not fire for them. */
    private final Set<String> siteProviders = new LinkedHashSet<>();

    private ScenarioLoader(Path file, String label, Options options, Problems problems) {
        this.file = file;
        this.label = label;
        this.options = options;
        this.problems = problems;
        this.yaml = new YamlReader(label, problems);
    }

    /**
     * Reads {@code file} with {@code options.assignments()} applied.
     *
     * @param label the file as the user named it, used in every message
     * @throws ScenarioException listing every problem found, of the file and of the assignments together
     */
    public static Scenario load(Path file, String label, Options options) throws ScenarioException {
        Problems problems = new Problems();
        Optional<Node> parsed = YamlFile.parse(file, label, problems);
        problems.throwIfAny();
        // an assignment that cannot be applied is a problem, but reading goes on to find the others
        Node root = Assignments.apply(parsed.orElseThrow(), options.assignments(), problems);
        Scenario scenario = new ScenarioLoader(file, label, options, problems).read(root);
        problems.throwIfAny();
        return scenario;
    }

    private Scenario read(Node rootNode) {
        if (!(rootNode instanceof MappingNode)) {
            yaml.problem(rootNode, "", "this is not a capsim scenario: the top level is "
                    + YamlReader.describe(rootNode) + ", expected a mapping of keys (name:, start:, horizon:, ...)");
            return null;
        }
        Mapping root = yaml.mapping(rootNode, "");
        String name = required(root, "name", n -> yaml.name(n, "name", ID, ID_RULE));
        Node descriptionNode = root.get("description");
        String description = descriptionNode == null ? "" : Optional.ofNullable(yaml.text(descriptionNode, "description")).orElse("");
        LocalDate start = required(root, "start", n -> yaml.date(n, "start"));
        LocalDate horizon = required(root, "horizon", n -> yaml.date(n, "horizon"));
        Calendar calendar = calendar(root, start, horizon);
        double warmupDays = optional(root, "warmup-days", 0.0, n -> yaml.number(n, "warmup-days", 0, 1e7));
        if (calendar != null && warmupDays * 24 >= calendar.endHours()) {
            yaml.problem(root.get("warmup-days"), "warmup-days", "the warm-up (" + BlockSettings.plain(warmupDays)
                    + " days) must end before the horizon (" + (long) (calendar.endHours() / 24) + " days after start)");
        }
        long seed = optional(root, "seed", 1L, n -> yaml.integer(n, "seed", Long.MIN_VALUE, Long.MAX_VALUE));
        int replications = optional(root, "replications", 10L,
                n -> yaml.integer(n, "replications", 1, MAX_REPLICATIONS)).intValue();
        double sampleHours = optional(root, "sample-hours", 0.0, n -> positive(n, "sample-hours", 1e6));
        if (calendar != null) {
            sampleGridProblem(calendar.endHours(), sampleHours)
                    .ifPresent(message -> yaml.problem(root.get("sample-hours"), "sample-hours", message));
        }
        Scheduling scheduling = scheduling(root);

        Map<String, GpuType> types = gpuTypes(root);
        Map<String, Provider> providers = providers(root, types);
        List<Site> sites = sites(root, types, providers);
        List<InferenceClass> reservations = new ArrayList<>();
        List<WorkloadClass> demand = demand(root, types, calendar, reservations);
        Failures failures = failures(root);
        RoutingSpec routing = routing(root, calendar);
        root.rejectUnknownKeys();

        if (!problems.isEmpty()) {
            return null;
        }
        return new Scenario(label, name, description, calendar, warmupDays * 24, seed, replications, sampleHours, scheduling,
                types, providers, sites, demand, reservations, failures, routing, notes);
    }

    // ---- top-level values ----

    private Calendar calendar(Mapping root, LocalDate start, LocalDate horizon) {
        if (start == null || horizon == null) {
            return null;
        }
        if (horizon.isBefore(start)) {
            yaml.problem(root.get("horizon"), "horizon", "the horizon " + horizon + " is before the start " + start);
            return null;
        }
        if (ChronoUnit.DAYS.between(start, horizon) > MAX_SIMULATED_DAYS) {
            yaml.problem(root.get("horizon"), "horizon", "simulates more than 100 years; the horizon may be at most "
                    + start.plusDays(MAX_SIMULATED_DAYS));
            return null;
        }
        return new Calendar(start, horizon);
    }

    private Scheduling scheduling(Mapping root) {
        Node node = root.get("scheduling");
        if (node == null) {
            return Scheduling.FIFO;
        }
        String value = yaml.choice(node, "scheduling", List.of("fifo", "easy-backfill"));
        return "easy-backfill".equals(value) ? Scheduling.EASY_BACKFILL : Scheduling.FIFO;
    }

    // ---- hardware and providers ----

    private Map<String, GpuType> gpuTypes(Mapping root) {
        Map<String, GpuType> types = new LinkedHashMap<>();
        Node node = root.require("gpu-types");
        if (node == null) {
            return types;
        }
        Mapping all = yaml.mapping(node, "gpu-types");
        if (all == null) {
            return types;
        }
        if (all.keys().isEmpty()) {
            yaml.problem(node, "gpu-types", "at least one GPU type is needed, e.g. H100: { peak-tflops: 989, kw-per-gpu: 1.5 }");
        }
        declaredTypes.addAll(all.keys());
        for (String typeName : all.keys()) {
            String path = all.path(typeName);
            Node value = all.get(typeName);
            if (!NAME.matcher(typeName).matches()) {
                yaml.problem(all.keyNode(typeName), path, "'" + typeName + "' is not a valid GPU type name: " + NAME_RULE);
                continue;
            }
            Mapping type = yaml.mapping(value, path);
            if (type == null) {
                continue;
            }
            Double peak = required(type, "peak-tflops", n -> positive(n, type.path("peak-tflops"), 1e7));
            Double kw = optional(type, "kw-per-gpu", Double.NaN, n -> positive(n, type.path("kw-per-gpu"), 1e4));
            Double capex = optional(type, "capex-usd", Double.NaN, n -> positive(n, type.path("capex-usd"), 1e9));
            type.rejectUnknownKeys();
            if (peak != null && kw != null && capex != null) {
                types.put(typeName, new GpuType(typeName, peak, kw, capex));
            }
        }
        return types;
    }

    private Map<String, Provider> providers(Mapping root, Map<String, GpuType> types) {
        Map<String, Provider> providers = new LinkedHashMap<>();
        Node node = root.require("providers");
        if (node == null) {
            return providers;
        }
        Mapping all = yaml.mapping(node, "providers");
        if (all == null) {
            return providers;
        }
        if (all.keys().isEmpty()) {
            yaml.problem(node, "providers", "at least one provider is needed");
        }
        declaredProviders.addAll(all.keys());
        for (String id : all.keys()) {
            String path = all.path(id);
            Node value = all.get(id);
            if (!ID.matcher(id).matches()) {
                yaml.problem(all.keyNode(id), path, "'" + id + "' is not a valid provider id: " + ID_RULE);
                continue;
            }
            Mapping provider = yaml.mapping(value, path);
            if (provider == null) {
                continue;
            }
            Node nameNode = provider.get("name");
            String displayName = nameNode == null ? id : yaml.text(nameNode, provider.path("name"));
            Node priceNode = provider.require("price-per-gpu-hour");
            provider.rejectUnknownKeys();
            if (priceNode == null) {
                continue;
            }
            String pricePath = provider.path("price-per-gpu-hour");
            if (priceNode instanceof MappingNode) {
                Mapping prices = yaml.mapping(priceNode, pricePath);
                Map<String, Double> perType = new LinkedHashMap<>();
                for (String typeName : prices.keys()) {
                    Double price = yaml.number(prices.get(typeName), prices.path(typeName), 0, 1e6);
                    if (!declaredTypes.contains(typeName)) {
                        if (!declaredTypes.isEmpty()) {
                            yaml.problem(prices.keyNode(typeName), prices.path(typeName), unknownType(typeName, types));
                        }
                    } else if (price != null) {
                        perType.put(typeName, price);
                    }
                }
                if (displayName != null) {
                    providers.put(id, new Provider(id, displayName, perType, Double.NaN));
                }
            } else {
                Double price = yaml.number(priceNode, pricePath, 0, 1e6);
                if (price != null && displayName != null) {
                    providers.put(id, new Provider(id, displayName, Map.of(), price));
                }
            }
        }
        return providers;
    }

    // ---- sites and build-out ----

    /** A tranche as read, with where it was, for the checks that span tranches. */
    private record ReadTranche(Tranche tranche, Node node, String path) {
    }

    private List<Site> sites(Mapping root, Map<String, GpuType> types, Map<String, Provider> providers) {
        List<Site> sites = new ArrayList<>();
        Node node = root.require("sites");
        if (node == null) {
            return sites;
        }
        List<Node> items = yaml.sequence(node, "sites");
        if (items == null) {
            return sites;
        }
        if (items.isEmpty()) {
            yaml.problem(node, "sites", "at least one site is needed");
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = YamlReader.index("sites", i);
            Mapping site = yaml.mapping(items.get(i), path);
            if (site == null) {
                continue;
            }
            String id = required(site, "id", n -> yaml.name(n, site.path("id"), ID, ID_RULE));
            if (id != null && ids.putIfAbsent(id, i) != null) {
                yaml.problem(site.get("id"), site.path("id"), "duplicate site id '" + id + "' (also sites[" + ids.get(id) + "])");
            }
            String provider = required(site, "provider", n -> yaml.text(n, site.path("provider")));
            if (provider != null) {
                siteProviders.add(provider);
            }
            if (provider != null && !declaredProviders.contains(provider) && !declaredProviders.isEmpty()) {
                yaml.problem(site.get("provider"), site.path("provider"), "unknown provider '" + provider + "'; known: "
                        + String.join(", ", providers.keySet()));
                provider = null;
            }
            List<ReadTranche> tranches = buildOut(site, types);
            site.rejectUnknownKeys();
            checkPlan(tranches, providers.get(provider), types);
            if (id != null && provider != null && tranches != null) {
                List<Tranche> ordered = new ArrayList<>(tranches.stream().map(ReadTranche::tranche).toList());
                ordered.sort(Comparator.comparing(Tranche::date).thenComparing(Tranche::retire));
                sites.add(new Site(id, provider, ordered));
            }
        }
        return sites;
    }

    private List<ReadTranche> buildOut(Mapping site, Map<String, GpuType> types) {
        Node node = site.require("build-out");
        if (node == null) {
            return null;
        }
        String path = site.path("build-out");
        List<Node> items = yaml.sequence(node, path);
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            yaml.problem(node, path, "a site needs at least one tranche, e.g. - { date: 2025-01-01, gpu-type: H100, gpus: 1000 }");
            return null;
        }
        List<ReadTranche> tranches = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < items.size(); i++) {
            ReadTranche tranche = tranche(items.get(i), YamlReader.index(path, i), types);
            if (tranche == null) {
                complete = false;
            } else {
                tranches.add(tranche);
            }
        }
        return complete ? tranches : null;
    }

    private ReadTranche tranche(Node node, String path, Map<String, GpuType> types) {
        Mapping t = yaml.mapping(node, path);
        if (t == null) {
            return null;
        }
        LocalDate date = required(t, "date", n -> yaml.date(n, t.path("date")));
        String typeName = required(t, "gpu-type", n -> yaml.text(n, t.path("gpu-type")));
        GpuType type = typeName == null ? null : types.get(typeName);
        if (typeName != null && !declaredTypes.contains(typeName) && !declaredTypes.isEmpty()) {
            yaml.problem(t.get("gpu-type"), t.path("gpu-type"), unknownType(typeName, types));
        }
        Distribution delay = null;
        Node delayNode = t.get("delay-days");
        if (delayNode != null) {
            delay = new DistributionReader(yaml, file, label, this::readableFile).read(delayNode, t.path("delay-days"),
                    new DistributionReader.Bounds(0, false, MAX_DELAY_DAYS));
        }
        double cancel = optional(t, "cancel-probability", 0.0, n -> yaml.number(n, t.path("cancel-probability"), 0, 1));
        if (t.has("retire-gpus")) {
            for (String key : List.of("delay-days", "cancel-probability")) {
                if (t.has(key)) {
                    yaml.problem(t.keyNode(key), t.path(key), key + " applies to tranches that add GPUs; a retirement"
                            + " happens on its date");
                }
            }
        }
        List<String> amounts = List.of("gpus", "megawatts", "capex-usd", "retire-gpus");
        List<String> given = amounts.stream().filter(t::has).toList();
        amounts.forEach(t::get);
        t.rejectUnknownKeys();
        if (given.size() != 1) {
            yaml.problem(given.size() > 1 ? t.keyNode(given.get(1)) : node, path, given.isEmpty()
                    ? "a tranche needs one of: gpus, megawatts, capex-usd, retire-gpus"
                    : "give only one of gpus, megawatts, capex-usd, retire-gpus (found " + String.join(", ", given) + ")");
            return null;
        }
        String key = given.get(0);
        Node amountNode = t.get(key);
        String amountPath = t.path(key);
        Long gpus = null;
        switch (key) {
            case "gpus" -> gpus = yaml.integer(amountNode, amountPath, 0, MAX_TRANCHE_GPUS);
            case "retire-gpus" -> gpus = yaml.integer(amountNode, amountPath, 1, MAX_TRANCHE_GPUS);
            case "megawatts" -> {
                Double megawatts = yaml.number(amountNode, amountPath, 0, 1e6);
                if (megawatts != null && type != null) {
                    if (Double.isNaN(type.kwPerGpu())) {
                        yaml.problem(amountNode, amountPath, "GPU type '" + typeName
                                + "' has no kw-per-gpu, needed to turn megawatts into GPUs");
                    } else {
                        gpus = converted(Math.floor(megawatts * 1000.0 / type.kwPerGpu() + 1e-9), amountNode, amountPath);
                    }
                }
            }
            default -> {
                Double capex = yaml.number(amountNode, amountPath, 0, 1e15);
                if (capex != null && type != null) {
                    if (!type.hasCapex()) {
                        yaml.problem(amountNode, amountPath, "GPU type '" + typeName
                                + "' has no capex-usd, needed to turn dollars into GPUs");
                    } else {
                        gpus = converted(Math.floor(capex / type.capexUsd() + 1e-9), amountNode, amountPath);
                    }
                }
            }
        }
        if (date == null || type == null || gpus == null) {
            return null;
        }
        if (delayNode != null && delay == null) {
            return null;
        }
        return new ReadTranche(new Tranche(date, typeName, gpus.intValue(), key.equals("retire-gpus"), delay, cancel),
                node, path);
    }

    private Long converted(double gpus, Node node, String path) {
        if (gpus > MAX_TRANCHE_GPUS) {
            yaml.problem(node, path, "comes to " + (long) gpus + " GPUs; one tranche may bring at most " + MAX_TRANCHE_GPUS);
            return null;
        }
        return (long) gpus;
    }

    /** Per pool: dates in order, retirements covered, a price for the type, sizes within limits. */
    private void checkPlan(List<ReadTranche> tranches, Provider provider, Map<String, GpuType> types) {
        if (tranches == null) {
            return;
        }
        Map<String, List<ReadTranche>> byType = new LinkedHashMap<>();
        for (ReadTranche t : tranches) {
            byType.computeIfAbsent(t.tranche().gpuType(), k -> new ArrayList<>()).add(t);
        }
        for (var entry : byType.entrySet()) {
            List<ReadTranche> pool = entry.getValue();
            for (int i = 1; i < pool.size(); i++) {
                LocalDate previous = pool.get(i - 1).tranche().date();
                LocalDate date = pool.get(i).tranche().date();
                if (date.isBefore(previous)) {
                    ReadTranche t = pool.get(i);
                    yaml.problem(t.node(), t.path() + ".date", "dates out of order: " + date + " comes after " + previous
                            + " for " + entry.getKey() + " at this site; list each GPU type's tranches in date order");
                }
            }
            List<ReadTranche> ordered = new ArrayList<>(pool);
            ordered.sort(Comparator.comparing((ReadTranche t) -> t.tranche().date()).thenComparing(t -> t.tranche().retire()));
            long level = 0;
            for (ReadTranche t : ordered) {
                if (t.tranche().retire()) {
                    if (t.tranche().gpus() > level) {
                        yaml.problem(t.node(), t.path() + ".retire-gpus", "retires " + t.tranche().gpus()
                                + " GPUs but the pool will have only " + level + " " + entry.getKey() + " by "
                                + t.tranche().date());
                    }
                    level -= t.tranche().gpus();
                } else {
                    level += t.tranche().gpus();
                    if (level > MAX_POOL_GPUS) {
                        yaml.problem(t.node(), t.path(), "the pool would exceed " + MAX_POOL_GPUS + " GPUs");
                        break;
                    }
                }
            }
            if (provider != null && Double.isNaN(provider.pricePerGpuHour(entry.getKey()))) {
                ReadTranche first = pool.get(0);
                yaml.problem(first.node(), first.path() + ".gpu-type", "provider '" + provider.id()
                        + "' has no price for GPU type '" + entry.getKey() + "'; add it to providers."
                        + provider.id() + ".price-per-gpu-hour");
            }
        }
    }

    // ---- demand ----

    private List<WorkloadClass> demand(Mapping root, Map<String, GpuType> types, Calendar calendar,
            List<InferenceClass> reservations) {
        List<WorkloadClass> classes = new ArrayList<>();
        Node node = root.require("demand");
        if (node == null) {
            return classes;
        }
        List<Node> items = yaml.sequence(node, "demand");
        if (items == null) {
            return classes;
        }
        if (items.isEmpty()) {
            yaml.problem(node, "demand", "at least one workload class is needed");
            return classes;
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
            String name = required(c, "class", n -> yaml.name(n, c.path("class"), NAME, NAME_RULE));
            if (name != null && names.putIfAbsent(name, i) != null) {
                yaml.problem(c.get("class"), c.path("class"), "duplicate class '" + name + "' (also demand[" + names.get(name) + "])");
            }
            String kind = required(c, "kind", n -> yaml.choice(n, c.path("kind"),
                    List.of("scaling-law", "sized", "trace", "inference")));
            int priority = optional(c, "priority", 0L, n -> yaml.integer(n, c.path("priority"), -1_000_000, 1_000_000)).intValue();
            if (kind == null) {
                c.keys().forEach(c::get); // its other keys depend on the kind: nothing more to say
                allRead = false;
                continue;
            }
            WorkloadClass workload = null;
            switch (kind) {
                case "scaling-law" -> workload = scalingLaw(c, name, priority, calendar);
                case "sized" -> workload = sized(c, name, priority, types, calendar);
                case "trace" -> workload = trace(c, name, priority, types, calendar);
                default -> {
                    if (c.has("priority")) {
                        yaml.problem(c.keyNode("priority"), c.path("priority"), "an inference class has no jobs to "
                                + "prioritise; its reservation always comes before training");
                    }
                    InferenceClass inference = inference(c, name, calendar);
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
                yaml.problem(node, "demand", "no workload class brings any job within the simulated period");
            }
            for (int i = 0; i < zeroRates.size(); i++) {
                yaml.problem(zeroRates.get(i), zeroPaths.get(i), "the rate is 0 and no other class brings jobs: nothing would ever arrive");
            }
        }
        return classes;
    }

    /** An inference class: a provider with sites and a step curve of reserved GPUs in date order. */
    private InferenceClass inference(Mapping c, String name, Calendar calendar) {
        String provider = required(c, "provider", n -> yaml.text(n, c.path("provider")));
        if (provider != null && !declaredProviders.isEmpty()) {
            if (!declaredProviders.contains(provider)) {
                yaml.problem(c.get("provider"), c.path("provider"), "unknown provider '" + provider + "'; known: "
                        + String.join(", ", declaredProviders));
                provider = null;
            } else if (!siteProviders.contains(provider)) {
                yaml.problem(c.get("provider"), c.path("provider"), "provider '" + provider
                        + "' has no sites to hold the reservation");
                provider = null;
            }
        }
        Node curveNode = c.require("reserve-gpus");
        List<Node> items = curveNode == null ? null : yaml.sequence(curveNode, c.path("reserve-gpus"));
        if (items != null && items.isEmpty()) {
            yaml.problem(curveNode, c.path("reserve-gpus"), "give at least one step, e.g. - { date: 2025-01-21, gpus: 30000 }");
            items = null;
        }
        List<InferenceClass.Step> steps = new ArrayList<>();
        boolean complete = items != null;
        LocalDate previous = null;
        for (int i = 0; items != null && i < items.size(); i++) {
            String path = YamlReader.index(c.path("reserve-gpus"), i);
            Mapping step = yaml.mapping(items.get(i), path);
            if (step == null) {
                complete = false;
                continue;
            }
            LocalDate date = required(step, "date", n -> yaml.date(n, step.path("date")));
            Long gpus = required(step, "gpus", n -> yaml.integer(n, step.path("gpus"), 0, MAX_POOL_GPUS));
            step.rejectUnknownKeys();
            if (date != null && previous != null && !date.isAfter(previous)) {
                yaml.problem(step.get("date"), step.path("date"), "dates must increase: " + date + " is not after " + previous);
                complete = false;
            }
            if (date == null || gpus == null) {
                complete = false;
                continue;
            }
            previous = date;
            if (calendar != null) {
                steps.add(new InferenceClass.Step(calendar.hoursAt(date), gpus));
            }
        }
        if (name == null || provider == null || !complete || calendar == null) {
            return null;
        }
        return new InferenceClass(name, provider, steps);
    }

    private Failures failures(Mapping root) {
        Node node = root.get("failures");
        if (node == null) {
            return null;
        }
        Mapping f = yaml.mapping(node, "failures");
        if (f == null) {
            return null;
        }
        Double mtbf = required(f, "gpu-mtbf-hours", n -> positive(n, f.path("gpu-mtbf-hours"), 1e12));
        Double checkpoint = required(f, "checkpoint-hours", n -> positive(n, f.path("checkpoint-hours"), 1e6));
        Double restart = optional(f, "restart-hours", 0.0, n -> yaml.number(n, f.path("restart-hours"), 0, 1e6));
        f.rejectUnknownKeys();
        if (mtbf == null || checkpoint == null || restart == null) {
            return null;
        }
        return new Failures(mtbf, checkpoint, restart);
    }

    private static final List<String> RATE_KEYS = List.of("arrivals-per-hour", "arrivals-per-day", "arrivals-per-year");

    private static String rateKey(Mapping c) {
        return RATE_KEYS.stream().filter(c::has).findFirst().orElse(RATE_KEYS.get(1));
    }

    private ArrivalRate arrivals(Mapping c, Calendar calendar) {
        List<String> given = RATE_KEYS.stream().filter(c::has).toList();
        RATE_KEYS.forEach(c::get);
        Node growthNode = c.get("arrivals-growth-per-year");
        Double growth = growthNode == null ? Double.valueOf(1.0) : positive(growthNode, c.path("arrivals-growth-per-year"), 1000);
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

    /**
     * Why a sites.csv grid of {@code sampleHours} over {@code endHours} is too fine (the same rule
     * for the scenario key and the command-line option), or empty when it is fine or off (0).
     */
    public static Optional<String> sampleGridProblem(double endHours, double sampleHours) {
        if (sampleHours <= 0 || endHours / sampleHours <= MAX_SAMPLES) {
            return Optional.empty();
        }
        return Optional.of(String.format(java.util.Locale.ROOT,
                "would write %.3g rows per pool and replication; the limit is %.0f (use at least %.3g hours)",
                endHours / sampleHours, MAX_SAMPLES, endHours / MAX_SAMPLES));
    }

    /** Expected Poisson arrivals in [0, end]: the integral of the (growing) rate. */
    static double expectedArrivals(ArrivalRate rate, double end) {
        if (rate.growthPerYear() == 1.0) {
            return rate.perHour() * end;
        }
        double k = Math.log(rate.growthPerYear()) / Calendar.HOURS_PER_YEAR;
        return rate.perHour() * Math.expm1(k * end) / k;
    }

    private ScalingLawClass scalingLaw(Mapping c, String name, int priority, Calendar calendar) {
        ArrivalRate arrivals = arrivals(c, calendar);
        Double median = required(c, "median-flops", n -> positive(n, c.path("median-flops"), 1e40));
        Double growth = optional(c, "flops-growth-per-year", 1.0, n -> positive(n, c.path("flops-growth-per-year"), 1000));
        Double sigma = optional(c, "flops-sigma", 0.0, n -> yaml.number(n, c.path("flops-sigma"), 0, 10));
        Double mfu = required(c, "mfu", n -> positive(n, c.path("mfu"), 1));
        Double targetDays = required(c, "target-days", n -> positive(n, c.path("target-days"), 36525));
        Long maxGpus = optional(c, "max-gpus", (long) Integer.MAX_VALUE, n -> yaml.integer(n, c.path("max-gpus"), 1, MAX_POOL_GPUS));
        if (name == null || arrivals == null || median == null || growth == null || sigma == null || mfu == null
                || targetDays == null || maxGpus == null) {
            return null;
        }
        return new ScalingLawClass(name, priority, arrivals, median, growth, sigma, mfu, targetDays * 24, maxGpus.intValue());
    }

    private SizedClass sized(Mapping c, String name, int priority, Map<String, GpuType> types, Calendar calendar) {
        ArrivalRate arrivals = arrivals(c, calendar);
        DistributionReader distributions = new DistributionReader(yaml, file, label, this::readableFile);
        Distribution gpus = required(c, "gpus", n -> distributions.read(n, c.path("gpus"),
                new DistributionReader.Bounds(0, true, MAX_TRANCHE_GPUS)));
        Distribution hours = required(c, "hours", n -> distributions.read(n, c.path("hours"),
                new DistributionReader.Bounds(0, false, 1e6)));
        GpuType reference = referenceGpu(c, types);
        if (name == null || arrivals == null || gpus == null || hours == null || (c.has("reference-gpu") && reference == null)) {
            return null;
        }
        return new SizedClass(name, priority, arrivals, gpus, hours, reference);
    }

    private GpuType referenceGpu(Mapping c, Map<String, GpuType> types) {
        Node node = c.get("reference-gpu");
        if (node == null) {
            return null;
        }
        String typeName = yaml.text(node, c.path("reference-gpu"));
        if (typeName != null && !types.containsKey(typeName)) {
            if (!declaredTypes.contains(typeName) && !declaredTypes.isEmpty()) {
                yaml.problem(node, c.path("reference-gpu"), unknownType(typeName, types));
            }
            return null;
        }
        return typeName == null ? null : types.get(typeName);
    }

    private TraceClass trace(Mapping c, String name, int priority, Map<String, GpuType> types, Calendar calendar) {
        String fileName = required(c, "file", n -> yaml.text(n, c.path("file")));
        TraceReader.Columns columns = traceColumns(c);
        String unit = optional(c, "time-unit", "seconds", n -> yaml.choice(n, c.path("time-unit"), List.of("seconds", "minutes", "hours")));
        LocalDate origin = optional(c, "origin", calendar == null ? null : calendar.start(), n -> yaml.date(n, c.path("origin")));
        GpuType reference = referenceGpu(c, types);
        if (name == null || fileName == null || columns == null || unit == null || calendar == null || origin == null
                || (c.has("reference-gpu") && reference == null)) {
            return null;
        }
        double hoursPerUnit = switch (unit) {
            case "seconds" -> 1.0 / 3600;
            case "minutes" -> 1.0 / 60;
            default -> 1.0;
        };
        Path tracePath = resolve(fileName);
        String traceLabel = relativeLabel(fileName);
        if (!readableFile(c.get("file"), c.path("file"), tracePath, traceLabel, "trace")) {
            return null;
        }
        Trace trace = TraceReader.read(tracePath, traceLabel, columns, hoursPerUnit, calendar.hoursAt(origin),
                calendar.endHours(), name, c.path(), problems);
        if (trace == null) {
            return null;
        }
        if (trace.skipped() > 0) {
            notes.add(traceLabel + ": " + trace.skipped() + " rows arrive before " + calendar.start() + " or after "
                    + calendar.horizon() + " and are not replayed");
        }
        if (trace.reordered()) {
            notes.add(traceLabel + ": rows are not in submit-time order; they are replayed in submit-time order");
        }
        if (trace.size() == 0) {
            yaml.problem(c.get("file"), c.path("file"), "no row of the trace arrives between " + calendar.start()
                    + " and " + calendar.horizon() + " (check origin and time-unit)");
            return null;
        }
        return new TraceClass(name, priority, trace, reference);
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
        String submit = optional(m, "submit", "submit_time_s", n -> yaml.text(n, m.path("submit")));
        String gpus = optional(m, "gpus", "num_gpus", n -> yaml.text(n, m.path("gpus")));
        String duration = optional(m, "duration", "duration_s", n -> yaml.text(n, m.path("duration")));
        Node idNode = m.get("id");
        String id = idNode == null ? null : yaml.text(idNode, m.path("id"));
        m.rejectUnknownKeys();
        if (submit == null || gpus == null || duration == null || (idNode != null && id == null)) {
            return null;
        }
        return new TraceReader.Columns(submit, gpus, duration, id);
    }

    // ---- routing ----

    private RoutingSpec routing(Mapping root, Calendar calendar) {
        Node node = root.get("routing");
        Location at = node == null ? new Location(label, 1, 1) : yaml.at(node);
        Mapping routing = node == null ? null : yaml.mapping(node, "routing");
        Map<String, SettingsBlock> blocks = new LinkedHashMap<>();
        String policy = DEFAULT_POLICY;
        Location policyAt = at;
        Node policyNode = null;
        List<RoutingSpec.Phase> phases = new ArrayList<>();
        List<Node> phaseNodes = List.of();
        if (routing != null) {
            policyNode = routing.get("policy");
            if (policyNode != null) {
                policy = yaml.text(policyNode, "routing.policy");
                policyAt = yaml.at(policyNode);
            }
            phaseNodes = phases(routing, calendar, phases);
            for (String key : routing.keys()) {
                if (key.equals("policy") || key.equals("phases")) {
                    continue;
                }
                routing.get(key);
                SettingsBlock block = settingsBlock(routing, key);
                if (block != null) {
                    blocks.put(key, block);
                }
            }
        }
        if (!options.policies().isEmpty()) {
            // --policy (or compare's --policies) replaces the scenario's whole deal, phases included
            String option = options.policiesOption();
            String names = String.join(",", options.policies());
            if (!phases.isEmpty()) {
                notes.add(option + " " + names + " replace" + (options.policies().size() == 1 ? "s" : "")
                        + " routing.policy and routing.phases");
            }
            RoutingSpec spec = new RoutingSpec(options.policies().get(0), new Location(option, 0, 0), blocks, at,
                    List.of());
            List<PolicyRegistry.Entry> chosen = new ArrayList<>();
            for (String name : options.policies()) {
                PolicyRegistry.Entry entry = findPolicy(name, null, option);
                if (entry != null) {
                    chosen.add(entry);
                }
            }
            checkBlocks(routing, blocks, spec, chosen, calendar == null ? null : calendar.start());
            return spec;
        }
        RoutingSpec spec = new RoutingSpec(policy == null ? DEFAULT_POLICY : policy, policyAt, blocks, at, phases);
        if (policy == null) {
            return spec;
        }
        // the policies that will run: the base one and each phase's
        List<PolicyRegistry.Entry> chosen = new ArrayList<>();
        PolicyRegistry.Entry base = findPolicy(policy, policyNode, "routing.policy");
        if (base != null) {
            chosen.add(base);
        }
        for (int i = 0; i < phases.size(); i++) {
            PolicyRegistry.Entry entry = findPolicy(phases.get(i).policy(), phaseNodes.get(i),
                    YamlReader.index("routing.phases", i) + ".policy");
            if (entry != null) {
                chosen.add(entry);
            }
        }
        checkBlocks(routing, blocks, spec, chosen, calendar == null ? null : calendar.start());
        return spec;
    }

    /** Every settings block is checked by its own policy; the chosen policies' even when empty. */
    private void checkBlocks(Mapping routing, Map<String, SettingsBlock> blocks, RoutingSpec spec,
            List<PolicyRegistry.Entry> chosen, LocalDate start) {
        Map<String, PolicyRegistry.Entry> readers = new LinkedHashMap<>();
        chosen.forEach(entry -> readers.putIfAbsent(entry.name(), entry));
        List<String> registered = options.registry().names();
        for (String blockName : blocks.keySet()) {
            if (registered.contains(blockName)) {
                readers.putIfAbsent(blockName, options.registry().find(blockName));
            } else if (!readers.containsKey(blockName)) {
                String suggestion = YamlReader.closest(blockName, registered);
                yaml.problem(routing.keyNode(blockName), "routing." + blockName, "unknown key: not a policy"
                        + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "")
                        + " (known: policy, " + String.join(", ", registered) + ")");
            }
        }
        ScenarioFactsView facts = new ScenarioFactsView(List.copyOf(declaredProviders), siteProviders, start);
        readers.values().forEach(entry -> configure(entry, spec, facts));
    }

    /**
     * Reads {@code routing.phases} into {@code phases}: dates in increasing order within the
     * simulated period, each with a policy name. Returns the policy nodes, for messages.
     */
    private List<Node> phases(Mapping routing, Calendar calendar, List<RoutingSpec.Phase> phases) {
        Node node = routing.get("phases");
        if (node == null) {
            return List.of();
        }
        List<Node> items = yaml.sequence(node, "routing.phases");
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            yaml.problem(node, "routing.phases", "give at least one phase, e.g. - { from: 2025-10-28, policy: commitment }");
        }
        List<Node> policyNodes = new ArrayList<>();
        LocalDate previous = null;
        for (int i = 0; i < items.size(); i++) {
            String path = YamlReader.index("routing.phases", i);
            Mapping phase = yaml.mapping(items.get(i), path);
            if (phase == null) {
                continue;
            }
            LocalDate from = required(phase, "from", n -> yaml.date(n, phase.path("from")));
            String policy = required(phase, "policy", n -> yaml.text(n, phase.path("policy")));
            phase.rejectUnknownKeys();
            if (from != null && calendar != null && (from.isBefore(calendar.start()) || from.isAfter(calendar.horizon()))) {
                yaml.problem(phase.get("from"), phase.path("from"), "the phase starts on " + from
                        + ", outside the simulated period " + calendar.start() + " to " + calendar.horizon()
                        + " (routing.policy covers the time before the first phase)");
                continue;
            }
            if (from != null && previous != null && !from.isAfter(previous)) {
                yaml.problem(phase.get("from"), phase.path("from"), "phases must be in date order: " + from
                        + " is not after " + previous);
                continue;
            }
            if (from == null || policy == null || calendar == null) {
                continue;
            }
            previous = from;
            phases.add(new RoutingSpec.Phase(from, calendar.hoursAt(from), policy, yaml.at(phase.get("policy"))));
            policyNodes.add(phase.get("policy"));
        }
        return policyNodes;
    }

    /** Lets {@code entry} read its block, reporting its problems and the keys it did not read. */
    private void configure(PolicyRegistry.Entry entry, RoutingSpec spec, ScenarioFactsView facts) {
        BlockSettings settings = new BlockSettings(spec.block(entry.name()), problems, facts, spec);
        try {
            RoutingPolicy policy = entry.create();
            policy.configure(settings);
        } catch (PolicyLookupException e) {
            problems.add(spec.at(), "routing", e.getMessage());
            return;
        } catch (RuntimeException e) {
            problems.add(spec.block(entry.name()).at(), "routing." + entry.name(), "policy '" + entry.name()
                    + "' failed while reading its settings: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
            return;
        }
        settings.reportUnread(entry.name());
    }

    private PolicyRegistry.Entry findPolicy(String name, Node node, String path) {
        try {
            return options.registry().find(name);
        } catch (PolicyLookupException e) {
            report(node, path, e.getMessage());
            return null;
        }
    }

    private void report(Node node, String path, String message) {
        if (node == null) {
            problems.add(new Location(path, 0, 0), "", message);
        } else {
            yaml.problem(node, path, message);
        }
    }

    private SettingsBlock settingsBlock(Mapping routing, String key) {
        String path = "routing." + key;
        Node node = routing.get(key);
        if (YamlReader.isNull(node)) {
            return SettingsBlock.empty(path, yaml.at(node));
        }
        if (!(node instanceof MappingNode)) {
            yaml.problem(node, path, "expected the settings of policy '" + key + "' as a mapping, got "
                    + YamlReader.describe(node));
            return null;
        }
        Mapping block = yaml.mapping(node, path);
        Map<String, Setting> values = new LinkedHashMap<>();
        for (String name : block.keys()) {
            Node value = block.get(name);
            values.put(name, new Setting(settingValue(value), yaml.at(value)));
        }
        return new SettingsBlock(path, yaml.at(node), values);
    }

    private static Object settingValue(Node node) {
        if (!(node instanceof ScalarNode scalar)) {
            return new Setting.Complex(node instanceof MappingNode ? "mapping" : "list");
        }
        String text = scalar.getValue().trim();
        if (scalar.getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN) {
            if (YamlReader.isNull(node)) {
                return "";
            }
            if (text.matches("[-+]?[0-9]+")) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    return Double.parseDouble(text);
                }
            }
            if (text.matches("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?")) {
                return Double.parseDouble(text);
            }
            if (text.matches("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)")) {
                return text.contains("nan") || text.contains("NaN") || text.contains("NAN") ? Double.NaN
                        : text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
        }
        return scalar.getValue();
    }

    // ---- helpers ----

    /** A number in (0, max]. */
    private Double positive(Node node, String path, double max) {
        return yaml.number(node, path, 0, true, max);
    }

    private String unknownType(String typeName, Map<String, GpuType> types) {
        return "unknown GPU type '" + typeName + "'; known: " + (declaredTypes.isEmpty() ? "none" : String.join(", ", declaredTypes));
    }

    /** Reports, at the key naming it, a referenced file that is missing or a folder. */
    boolean readableFile(Node node, String path, Path file, String label, String what) {
        if (Files.isDirectory(file)) {
            yaml.problem(node, path, label + " is a folder, not a " + what + " file");
            return false;
        }
        if (!Files.isRegularFile(file)) {
            yaml.problem(node, path, what + " file not found: " + label);
            return false;
        }
        return true;
    }

    private Path resolve(String name) {
        Path dir = file.toAbsolutePath().getParent();
        return dir.resolve(name).normalize();
    }

    /** A referenced file named as the user would: relative to the scenario's folder as given. */
    private String relativeLabel(String name) {
        Path given = Path.of(label).getParent();
        Path candidate = Path.of(name);
        if (candidate.isAbsolute() || given == null) {
            return candidate.normalize().toString();
        }
        return given.resolve(candidate).normalize().toString();
    }

    private <T> T required(Mapping m, String key, java.util.function.Function<Node, T> reader) {
        Node node = m.require(key);
        return node == null ? null : reader.apply(node);
    }

    /** The value, or {@code absent} when the key is missing or its value had a problem (already reported). */
    private <T> T optional(Mapping m, String key, T absent, java.util.function.Function<Node, T> reader) {
        Node node = m.get(key);
        T value = node == null ? null : reader.apply(node);
        return value == null ? absent : value;
    }
}
