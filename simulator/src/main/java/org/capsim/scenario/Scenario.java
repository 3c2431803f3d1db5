package org.capsim.scenario;

import java.util.List;
import java.util.Map;

import org.capsim.demand.InferenceClass;
import org.capsim.demand.WorkloadClass;
import org.capsim.model.Calendar;
import org.capsim.model.Failures;
import org.capsim.model.GpuType;
import org.capsim.model.Provider;
import org.capsim.model.Scheduling;
import org.capsim.model.Site;

/**
 * A validated, immutable scenario: everything a replication needs. Only
 * {@link ScenarioLoader} creates one, so the model never sees an invalid value.
 *
 * @param file         the scenario file as the user named it
 * @param warmupHours  jobs arriving earlier are simulated but left out of statistics
 * @param gpuTypes     by name, in file order
 * @param providers    by id, in file order
 * @param sampleHours  default grid of sites.csv rows in hours, or 0 for a row at every change
 * @param demand       the classes that bring training jobs, in file order
 * @param reservations the inference classes (GPUs held back from training), in file order
 * @param failures     GPU failures and checkpointing, or null when jobs never fail
 * @param notes        warnings worth showing (e.g. trace rows outside the simulated period)
 * @param dataFiles    the trace and data files read, in reading order (their hashes go into the report)
 */
public record Scenario(String file, String name, String description, Calendar calendar, double warmupHours,
        long seed, int replications, double sampleHours, Scheduling scheduling, Map<String, GpuType> gpuTypes,
        Map<String, Provider> providers, List<Site> sites, List<WorkloadClass> demand, List<InferenceClass> reservations,
        Failures failures, RoutingSpec routing, List<String> notes, List<DataFile> dataFiles) {

    /** A scenario that read no trace or data file. */
    public Scenario(String file, String name, String description, Calendar calendar, double warmupHours,
            long seed, int replications, double sampleHours, Scheduling scheduling, Map<String, GpuType> gpuTypes,
            Map<String, Provider> providers, List<Site> sites, List<WorkloadClass> demand, List<InferenceClass> reservations,
            Failures failures, RoutingSpec routing, List<String> notes) {
        this(file, name, description, calendar, warmupHours, seed, replications, sampleHours, scheduling, gpuTypes,
                providers, sites, demand, reservations, failures, routing, notes, List.of());
    }

    public Scenario {
        gpuTypes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(gpuTypes));
        providers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(providers));
        sites = List.copyOf(sites);
        demand = List.copyOf(demand);
        reservations = List.copyOf(reservations);
        notes = List.copyOf(notes);
        dataFiles = List.copyOf(dataFiles);
    }

    /**
     * Whether some class's demand is limited (SPEC 6.1: patience, a budget or elastic runs): only
     * then do the reports carry demand and unserved figures, so older scenarios keep their bytes.
     */
    public boolean limitsDemand() {
        return demand.stream().anyMatch(c -> c.limits().any()
                || c instanceof org.capsim.demand.ScalingLawClass s && s.minFraction() < 1.0);
    }

    /**
     * Whether the scenario says anything of power (SPEC 6.2: a site's power curve, electricity
     * price or grid intensity, or a GPU type's draw): only then do the reports carry energy,
     * carbon and powered GPUs, so older scenarios keep their bytes.
     */
    public boolean reportsPower() {
        return sites.stream().anyMatch(s -> s.power().given())
                || gpuTypes.values().stream().anyMatch(GpuType::drawGiven);
    }

    /**
     * The rows of the scenario's traces not replayed, by reason key (SPEC 6.5: {@code no_gpus},
     * {@code no_run_time}, {@code job_step}) and their {@code total}, summed over its traces; null
     * when no trace has a format other than CSV, so older reports keep their bytes.
     */
    public Map<String, Long> traceRowsSkipped() {
        List<org.capsim.demand.Trace> traces = demand.stream().filter(c -> c instanceof org.capsim.demand.TraceClass)
                .map(c -> ((org.capsim.demand.TraceClass) c).trace()).filter(t -> !t.format().equals("csv")).toList();
        if (traces.isEmpty()) {
            return null;
        }
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        counts.put("total", 0L);
        for (org.capsim.demand.Trace trace : traces) {
            trace.dropped().forEach((reason, count) -> {
                counts.merge(reason, (long) count, Long::sum);
                counts.merge("total", (long) count, Long::sum);
            });
        }
        return counts;
    }

    /** The type demand is measured on for jobs given by compute: the first declared GPU type. */
    public GpuType demandReference() {
        return gpuTypes.values().iterator().next();
    }

    /** Simulated hours, up to 24:00 of the horizon date. */
    public double endHours() {
        return calendar.endHours();
    }
}
