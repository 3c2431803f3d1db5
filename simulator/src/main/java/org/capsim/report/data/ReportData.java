package org.capsim.report.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.capsim.metrics.Summary;
import org.capsim.report.Background;
import org.capsim.report.ReportFormatException;
import org.capsim.report.SummaryJson;

/**
 * Everything the charts and the page show of one report (a run, a comparison, or one point of a
 * sweep), read back from its folder: summary.json as written, and sites.csv and jobs.csv reduced
 * to time series and distributions. A run gathers the same series from the values it writes
 * ({@link ChartFeed}); both paths go through the same blocks, so {@code capsim report DIR} draws
 * exactly what {@code run} drew.
 *
 * @param fleet per policy, its capacity, utilization and queues over time
 * @param jobs  per policy, its demand, waits and ROFR outcomes
 * @param siteOwners site id to its provider id
 */
public record ReportData(Path dir, SummaryJson.Header header, SummaryJson.Report report, TimeGrid grid,
        Map<String, FleetSeries> fleet, Map<String, JobFigures> jobs, Map<String, String> siteOwners) {

    /**
     * Reads a report folder: summary.json first (it names the period and the fleet), then
     * sites.csv and jobs.csv side by side on two threads.
     */
    public static ReportData read(Path dir) throws IOException, ReportFormatException {
        SummaryJson.Snapshot snapshot = SummaryJson.read(dir.resolve("summary.json"));
        SummaryJson.Header header = snapshot.header();
        TimeGrid grid = TimeGrid.over(header.calendar().endHours());
        ExecutorService pool = Background.pool("capsim-report-read", 2);
        try {
            Future<FleetSeries.Read> fleet = pool.submit(() -> FleetSeries.read(dir.resolve("sites.csv"), grid,
                    header.peakTflops(), providers(header, snapshot.report()), sites(header, snapshot.report()),
                    header.draws()));
            Future<Map<String, JobFigures>> jobs = pool.submit(() -> JobFigures.read(dir.resolve("jobs.csv"), grid,
                    header.calendar(), header.warmupDays() * 24, header.peakTflops()));
            return of(dir, snapshot, grid, Background.join(fleet), Background.join(jobs));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The report from its summary.json and the series gathered from its rows (read back, or as the run wrote them). */
    static ReportData of(Path dir, SummaryJson.Snapshot snapshot, TimeGrid grid, FleetSeries.Read sitesCsv,
            Map<String, JobFigures> jobs) throws ReportFormatException {
        SummaryJson.Header header = snapshot.header();
        for (String policy : snapshot.report().policies()) {
            if (!sitesCsv.series().containsKey(policy)) {
                throw new ReportFormatException(dir.resolve("sites.csv") + ": no rows of policy '" + policy
                        + "', which summary.json lists (files from different runs?)");
            }
        }
        Map<String, String> owners = new java.util.LinkedHashMap<>(sitesCsv.siteOwners());
        owners.putAll(header.siteOwners());
        return new ReportData(dir, header, snapshot.report(), grid, sitesCsv.series(), jobs, owners);
    }

    /** The folder's summary.json alone, for a page without charts: no time series, no distributions. */
    public static ReportData summaryOnly(Path dir) throws IOException, ReportFormatException {
        return summaryOnly(dir, SummaryJson.read(dir.resolve("summary.json")));
    }

    /** A page without charts from what the folder's summary.json says. */
    public static ReportData summaryOnly(Path dir, SummaryJson.Snapshot snapshot) {
        SummaryJson.Header header = snapshot.header();
        return new ReportData(dir, header, snapshot.report(), TimeGrid.over(header.calendar().endHours()), Map.of(),
                Map.of(), header.siteOwners());
    }

    /** Providers in the scenario's order. */
    static List<String> providers(SummaryJson.Header header, SummaryJson.Report report) {
        Set<String> out = new LinkedHashSet<>(header.providers().keySet());
        report.summaries().forEach(s -> out.addAll(s.providers().keySet()));
        return new ArrayList<>(out);
    }

    static List<String> sites(SummaryJson.Header header, SummaryJson.Report report) {
        Set<String> out = new LinkedHashSet<>(header.siteOwners().keySet());
        report.summaries().forEach(s -> out.addAll(s.sites().keySet()));
        return new ArrayList<>(out);
    }

    /** The policies' labels, in the report's order. */
    public List<String> policies() {
        return report.policies();
    }

    /** Provider ids, in the scenario's order. */
    public List<String> providers() {
        return providers(header, report);
    }

    /** A provider's display name (its id when the report does not say). */
    public String providerName(String id) {
        return header.providers().getOrDefault(id, id);
    }

    /** Workload classes in the order summary.json lists them. */
    public List<String> classes() {
        Set<String> out = new LinkedHashSet<>();
        report.summaries().forEach(s -> out.addAll(s.classes().keySet()));
        return new ArrayList<>(out);
    }

    public Summary summary(String policy) {
        return report.summaries().get(report.policies().indexOf(policy));
    }

    /** Whether this is a comparison of several policies. */
    public boolean comparing() {
        return report.policies().size() > 1;
    }

    /** Whether the folder has a file (to link it from the page). */
    public boolean has(String file) {
        return Files.isRegularFile(dir.resolve(file));
    }
}
