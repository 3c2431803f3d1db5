package org.capsim.report.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.capsim.report.ReportFixture;
import org.capsim.report.ReportFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a report folder back: every figure of the hand-made fixture, worked out on paper. */
class ReportDataTest {

    @TempDir
    Path dir;

    @Test
    void readsTheFleetOverTimeAsTimeAveragesOverReplications() throws Exception {
        ReportData data = ReportData.read(ReportFixture.write(dir, false));
        assertEquals(1, data.grid().binHours());
        assertEquals(240, data.grid().bins());
        assertEquals(List.of("x", "y"), data.providers());
        assertEquals("X Cloud", data.providerName("x"));
        FleetSeries fleet = data.fleet().get("p");
        assertEquals(2, fleet.replications());
        assertEquals(100, fleet.installedGpus().get("x").mean()[5]);
        assertEquals(0, fleet.installedGpus().get("y").mean()[119]);
        assertEquals(200, fleet.installedGpus().get("y").mean()[120]);
        assertEquals(98.9, fleet.installedPflops().get("x").mean()[200], 1e-9); // 100 GPUs x 989 TFLOP/s
        // site a: replication 1 half busy then full, replication 2 idle
        Band a = fleet.utilization().get("a");
        assertEquals(0.25, a.mean()[10], 1e-12);
        assertEquals(0.5, a.mean()[130], 1e-12);
        assertEquals(0.025, a.low()[10], 1e-12);
        assertEquals(0.475, a.high()[10], 1e-12);
        // site b has no GPUs before 120 h: utilization undefined there, not 0
        assertTrue(Double.isNaN(fleet.utilization().get("b").mean()[50]));
        assertEquals(0.5, fleet.utilization().get("b").mean()[150], 1e-12);
        assertEquals(1.5, fleet.queuedJobs().get("x").mean()[30], 1e-12);
        assertEquals(12, fleet.queuedGpus().get("x").mean()[30], 1e-12);
        assertEquals(0, fleet.queuedJobsTotal().mean()[60], 1e-12);
    }

    /**
     * A scenario that reports power: each site's draw recomputed from sites.csv's busy, reserved
     * and powered GPUs and the GPU type's draw in summary.json, worked out by hand (see
     * {@link ReportFixture#writePowered}): busy or reserved 1.5 kW x 0.8, idle powered 1.5 kW x 0.2.
     */
    @Test
    void recomputesEachSitesDrawEnergizedMwAndStrandedGpusFromThePowerColumns() throws Exception {
        ReportData data = ReportData.read(ReportFixture.writePowered(dir, false));
        assertEquals(new org.capsim.report.SummaryJson.GpuDraw(1.5, 0.8, 0.2), data.header().draws().get("H100"));
        PowerSeries power = data.fleet().get("p").power();
        assertTrue(power.any());
        Band a = power.drawMw().get("a");
        // replication 1: 5,000 busy x 1.2 kW + 1,000 idle powered x 0.3 kW = 6.3 MW; replication 2: 6,000 x 1.2 = 7.2 MW
        assertEquals((6.3 + 7.2) / 2, a.mean()[10], 1e-9);
        // from 120 h: 8,000 x 1.2 + 2,000 x 0.3 = 10.2 MW; 6,000 x 1.2 + 4,000 x 0.3 = 8.4 MW
        assertEquals((10.2 + 8.4) / 2, a.mean()[200], 1e-9);
        assertEquals(8.4 + 0.05 * (10.2 - 8.4), a.low()[200], 1e-9);
        // site b: nothing before 120 h; then 12,000 busy or reserved x 1.2 + 8,000 idle x 0.3 = 16.8 MW, and 24 MW
        Band b = power.drawMw().get("b");
        assertEquals(0, b.mean()[100], 1e-12);
        assertEquals((16.8 + 24) / 2, b.mean()[130], 1e-9);
        // energized MW of the site with a power curve; none for the other
        assertEquals(9, power.energizedMw().get("a").mean()[119], 1e-12);
        assertEquals(15, power.energizedMw().get("a").mean()[120], 1e-12);
        assertFalse(power.energizedMw().containsKey("b"));
        // 4,000 of a's GPUs wait for power until 120 h
        assertEquals(4000, power.strandedGpus().get("a").mean()[0], 1e-12);
        assertEquals(0, power.strandedGpus().get("a").mean()[120], 1e-12);
        assertEquals(0, power.strandedGpus().get("b").mean()[150], 1e-12);
        // energy is the draw's integral: site a's 1,926 MWh of the fixture's summary.json
        double energy = 0;
        for (double mw : a.mean()) {
            energy += mw * data.grid().binHours();
        }
        assertEquals(data.summary("p").sites().get("a").get("energy_mwh").mean(), energy, 1e-6);
    }

    @Test
    void aSitesCsvWithoutPowerColumnsHasNoPowerSeries() throws Exception {
        ReportData data = ReportData.read(ReportFixture.write(dir, false));
        assertFalse(data.fleet().get("p").power().any());
        assertTrue(data.header().draws().isEmpty());
    }

    @Test
    void readsDemandWaitsAndRofrOutcomes() throws Exception {
        ReportData data = ReportData.read(ReportFixture.write(dir, false));
        JobFigures jobs = data.jobs().get("p");
        // demand: each job's GPUs over its run, moved back to its arrival
        assertEquals(8, jobs.demandGpus().mean()[15], 1e-12); // job 1 in both replications
        assertEquals(4, jobs.demandGpus().mean()[18], 1e-12); // replication 1's job 1 ran 8 h from 10 h: done by 18 h
        assertEquals(4, jobs.demandGpus().mean()[25], 1e-12); // only replication 2's job 1 (20 h from 10 h)
        assertEquals(10, jobs.demandGpus().mean()[100], 1e-12); // replication 1: 16 running + 4 waiting
        // the running job ran 200 h from 40 h to the horizon: from its arrival at 30 h, to 230 h; the waiting
        // job holds its 4 GPUs to the horizon (its length is unknown)
        assertEquals(2, jobs.demandGpus().mean()[235], 1e-12);
        assertEquals(9.89, jobs.demandPflops().mean()[100], 1e-9);
        assertEquals(3, jobs.waits().count()); // the waiting job has no wait
        assertFalse(jobs.outcomes().hasServed()); // no demand_gpu_hours column
        assertFalse(jobs.outcomes().anyAbandoned());
        assertEquals(2, jobs.waitsByProvider().get("x").count());
        assertEquals(1, jobs.waitsByClass().get("c2").count());
        assertEquals(List.of(new JobFigures.Quarter("2025 Q1", 1.0, 0.5)), jobs.rofr());
        assertTrue(jobs.hasRofr());
    }

    /** A limited-demand report: demand from demand_gpu_hours, abandoned jobs apart from the started ones' waits. */
    @Test
    void readsDemandServedAndAbandonedJobsOfALimitedDemandReport() throws Exception {
        JobFigures jobs = ReportData.read(ReportFixture.writeLimited(dir, false)).jobs().get("p");
        // each job's demanded GPU-hours at its size from its arrival: 64 GPU-hours at 8 GPUs are 10-18 h
        assertEquals(8, jobs.demandGpus().mean()[15], 1e-12);
        assertEquals(4, jobs.demandGpus().mean()[20], 1e-12);
        assertEquals(12, jobs.demandGpus().mean()[55], 1e-12); // rep 1: 16 + 4 (abandoned), rep 2: 4 (waiting)
        assertEquals(16, jobs.demandGpus().mean()[65], 1e-12); // rep 1: 16 + 16 (unfunded, 60-70 h)
        assertEquals(16, jobs.demandGpus().mean()[110], 1e-12); // rep 1: 16; rep 2: 16 (rejected, 100-120 h)
        assertEquals(0, jobs.demandGpus().mean()[235], 1e-12);
        // the unfunded job was never placed: at the peak of the scenario's first GPU type
        assertEquals(32 * 0.989 / 2, jobs.demandPflops().mean()[65], 1e-9);
        // the abandoned job waited 20 h but never started: not among the waits
        assertEquals(3, jobs.waits().count());
        assertEquals(2, jobs.waitsByProvider().get("x").count());
        DemandOutcomes outcomes = jobs.outcomes();
        assertTrue(outcomes.hasServed());
        assertEquals(List.of(new DemandOutcomes.Served("2025 Q1", (64 + 160) / 2.0, (40 + 40) / 2.0)),
                outcomes.served().get("c1"));
        assertEquals(List.of(new DemandOutcomes.Served("2025 Q1", 3200 / 2.0, (160 + 320) / 2.0)),
                outcomes.served().get("c2"));
        assertEquals(new DemandOutcomes.Share(7, 1), outcomes.abandoned());
        assertEquals(new DemandOutcomes.Share(4, 1), outcomes.byClass().get("c1"));
        assertEquals(new DemandOutcomes.Share(3, 0), outcomes.byClass().get("c2"));
        assertEquals(new DemandOutcomes.Share(4, 1), outcomes.byProvider().get("x"));
        assertEquals(new DemandOutcomes.Share(1, 0), outcomes.byProvider().get("y"));
        assertEquals(1, outcomes.waits().count());
        assertEquals(20, outcomes.waits().values()[0]);
        assertEquals(List.of("c1"), List.copyOf(outcomes.waitsByClass().keySet()));
    }

    @Test
    void leavesWarmUpArrivalsOutOfTheShares() throws Exception {
        ReportFixture.writeLimited(dir, false);
        Path summary = dir.resolve("summary.json");
        Files.writeString(summary, Files.readString(summary).replace("\"warmup_days\": 0.0", "\"warmup_days\": 1.0"));
        DemandOutcomes outcomes = ReportData.read(dir).jobs().get("p").outcomes();
        // arrivals at 10 h are in the warm-up: 5 jobs left, one abandoned; served GPU-hours still count every quarter's
        assertEquals(new DemandOutcomes.Share(5, 1), outcomes.abandoned());
        assertEquals((64 + 160) / 2.0, outcomes.served().get("c1").get(0).served(), 1e-12);
    }

    @Test
    void leavesWarmUpArrivalsOutOfTheWaits() throws Exception {
        ReportFixture.write(dir, false);
        Path summary = dir.resolve("summary.json");
        Files.writeString(summary, Files.readString(summary).replace("\"warmup_days\": 0.0", "\"warmup_days\": 1.0"));
        ReportData data = ReportData.read(dir);
        // of the started jobs, only replication 1's arrival at 30 h came after the first day
        assertEquals(1, data.jobs().get("p").waits().count());
        assertEquals(10, data.jobs().get("p").waits().values()[0]);
    }

    @Test
    void badFilesAreReportedWithFileLineAndColumn() throws IOException {
        ReportFixture.write(dir, false);
        Path sites = dir.resolve("sites.csv");
        Files.writeString(sites, Files.readString(sites).replace(",1,60,2025-01-03,a,x,H100,100,", ",1,sixty,2025-01-03,a,x,H100,100,"));
        ReportFormatException e = assertThrows(ReportFormatException.class, () -> ReportData.read(dir));
        assertTrue(e.getMessage().contains("sites.csv: line 4: time_h: not a number: 'sixty'"), e.getMessage());

        ReportFixture.write(dir, false);
        Path jobs = dir.resolve("jobs.csv");
        Files.writeString(jobs, Files.readString(jobs).replaceFirst("policy,replication,job_id", "policy,rep,job_id"));
        e = assertThrows(ReportFormatException.class, () -> ReportData.read(dir));
        assertTrue(e.getMessage().contains("jobs.csv: line 1: column 2 should be 'replication', found 'rep'"), e.getMessage());

        ReportFixture.write(dir, false);
        Files.writeString(dir.resolve("summary.json"), "{\"scenario\": 3}");
        e = assertThrows(ReportFormatException.class, () -> ReportData.read(dir));
        assertTrue(e.getMessage().contains("summary.json: scenario: missing or not a text"), e.getMessage());

        Files.writeString(dir.resolve("summary.json"), "{not json");
        e = assertThrows(ReportFormatException.class, () -> ReportData.read(dir));
        // where, and Jackson's words without its "[Source: ...]" notes
        assertTrue(e.getMessage().contains("summary.json:1:2: not valid JSON: Unexpected character ('n'")
                && !e.getMessage().contains("Source"), e.getMessage());

        ReportFixture.write(dir, false);
        Files.delete(dir.resolve("jobs.csv"));
        e = assertThrows(ReportFormatException.class, () -> ReportData.read(dir));
        assertTrue(e.getMessage().endsWith("jobs.csv: missing"), e.getMessage());
    }

    /** Names with commas, quotes or line breaks are quoted in the CSV: read back as written. */
    @Test
    void quotedFieldsAreReadAsTheyWereWritten() throws Exception {
        ReportFixture.write(dir, false);
        Path jobs = dir.resolve("jobs.csv");
        Files.writeString(jobs, Files.readString(jobs).replace("p,1,c2-1,c2,", "p,1,\"job \"\"two\"\"\nsecond line\",\"c,2\","));
        JobFigures figures = ReportData.read(dir).jobs().get("p");
        assertEquals(List.of("c1", "c,2"), List.copyOf(figures.waitsByClass().keySet()));
        assertEquals(3, figures.waits().count());
        assertEquals(10, figures.demandGpus().mean()[100], 1e-12);

        Files.writeString(jobs, Files.readString(jobs).replace("\"c,2\"", "\"c,2"));
        ReportFormatException e = assertThrows(ReportFormatException.class, () -> ReportData.read(dir));
        assertTrue(e.getMessage().contains("jobs.csv: line 3: a quoted field is never closed"), e.getMessage());
    }

    @Test
    void aPolicyWithoutRowsInSitesCsvIsReported() throws IOException {
        ReportFixture.write(dir, true);
        Path sites = dir.resolve("sites.csv");
        Files.write(sites, Files.readAllLines(sites).stream().filter(line -> !line.startsWith("q,")).toList());
        ReportFormatException e = assertThrows(ReportFormatException.class, () -> ReportData.read(dir));
        assertTrue(e.getMessage().contains("sites.csv: no rows of policy 'q', which summary.json lists"), e.getMessage());
    }

    @Test
    void rowsGoingBackInTimeAreRejected() throws IOException {
        ReportFixture.write(dir, false);
        Path sites = dir.resolve("sites.csv");
        Files.writeString(sites, Files.readString(sites).replace("p,1,120,2025-01-06,a", "p,1,50,2025-01-06,a")
                .replace("p,1,120,2025-01-06,b", "p,1,50,2025-01-06,b").replace("p,1,60,", "p,1,70,"));
        ReportFormatException e = assertThrows(ReportFormatException.class, () -> ReportData.read(dir));
        assertTrue(e.getMessage().contains("goes back in time"), e.getMessage());
    }
}
