package org.capsim.report.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.capsim.report.ReportFixture;
import org.capsim.report.SummaryJson;
import org.capsim.report.chart.Figure;
import org.capsim.report.chart.FigureFiles;
import org.capsim.report.chart.Figures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run feeds its charts the values of the rows it writes, status and demand included: fed a
 * limited-demand report's rows so, the charts are those {@code capsim report} draws from the files.
 */
class ChartFeedTest {

    @TempDir
    Path dir;

    private static double number(String field) {
        return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
    }

    /**
     * Feeds sites.csv's rows as the run calls the feed, replications numbered in file order; with
     * {@code power}, through the row method that takes powered GPUs and energized MW.
     */
    private static Map<String, ChartFeed.Replication> feedSites(ChartFeed feed, Path folder, boolean power)
            throws java.io.IOException {
        Map<String, ChartFeed.Replication> replications = new java.util.LinkedHashMap<>();
        Map<String, Integer> pools = new HashMap<>();
        for (String line : Files.readAllLines(folder.resolve("sites.csv")).stream().skip(1).toList()) {
            String[] f = line.split(",", -1);
            ChartFeed.Replication r = replications.computeIfAbsent(f[0] + f[1],
                    k -> feed.replication(replications.size(), f[0], Integer.parseInt(f[1])));
            int pool = pools.computeIfAbsent(f[0] + f[1] + f[4] + f[6], k -> r.sites.pool(f[4], f[5], f[6]));
            if (power) {
                r.sites.row(pool, number(f[2]), number(f[7]), number(f[8]), number(f[9]), number(f[10]), number(f[11]),
                        number(f[12]), number(f[13]));
            } else {
                r.sites.row(pool, number(f[2]), number(f[7]), number(f[8]), number(f[9]), number(f[10]), number(f[11]));
            }
        }
        return replications;
    }

    /**
     * A scenario that reports power: the run feeds each sites.csv row's powered GPUs and energized
     * MW (NaN where empty) through the row method that takes them; the power chart is the one
     * {@code capsim report} draws from the files.
     */
    @Test
    void fedPowerColumnsDrawThePowerChartTheFilesDraw() throws Exception {
        Path folder = ReportFixture.writePowered(dir, true);
        SummaryJson.Snapshot snapshot = SummaryJson.read(folder.resolve("summary.json"));
        SummaryJson.Header header = snapshot.header();
        ChartFeed feed = new ChartFeed(header.calendar(), header.warmupDays(), header.peakTflops());
        feedSites(feed, folder, true).values().forEach(ChartFeed.Replication::finished);
        List<Figure> fed = Figures.of(feed.data(folder, snapshot), Figures.CapacityUnit.GPUS);
        List<Figure> read = Figures.of(ReportData.read(folder), Figures.CapacityUnit.GPUS);
        Figure power = read.stream().filter(f -> f.name().equals("power")).findFirst().orElseThrow();
        Figure fedPower = fed.stream().filter(f -> f.name().equals("power")).findFirst().orElseThrow();
        assertEquals(FigureFiles.svg(power), FigureFiles.svg(fedPower));
        assertEquals(ReportData.read(folder).fleet().get("q").power().drawMw().get("a").mean()[130],
                feed.data(folder, snapshot).fleet().get("q").power().drawMw().get("a").mean()[130]);
    }

    @Test
    void fedRowsDrawWhatTheFilesReadBackDraw() throws Exception {
        Path folder = ReportFixture.writeLimited(dir, true);
        SummaryJson.Snapshot snapshot = SummaryJson.read(folder.resolve("summary.json"));
        SummaryJson.Header header = snapshot.header();
        ChartFeed feed = new ChartFeed(header.calendar(), header.warmupDays(), header.peakTflops());
        Map<String, ChartFeed.Replication> replications = feedSites(feed, folder, false);
        for (String line : Files.readAllLines(folder.resolve("jobs.csv")).stream().skip(1).toList()) {
            String[] f = line.split(",", -1);
            // as the run calls it: class, arrival, provider, pool type, rofr, end, wait, gpus, status, demand
            replications.get(f[0] + f[1]).jobs.row(f[3], number(f[4]), f[6], f[7], f[8], number(f[10]), number(f[11]),
                    number(f[12]), f[16], number(f[22]));
        }
        for (String key : List.of("p1", "p2", "q1", "q2")) {
            replications.get(key).finished();
        }
        List<Figure> fed = Figures.of(feed.data(folder, snapshot), Figures.CapacityUnit.GPUS);
        List<Figure> read = Figures.of(ReportData.read(folder), Figures.CapacityUnit.GPUS);
        assertEquals(read.stream().map(Figure::name).toList(), fed.stream().map(Figure::name).toList());
        assertTrue(fed.stream().anyMatch(f -> f.name().equals("served")));
        for (int i = 0; i < fed.size(); i++) {
            assertEquals(FigureFiles.svg(read.get(i)), FigureFiles.svg(fed.get(i)), fed.get(i).name());
        }
    }
}
