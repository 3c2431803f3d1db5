package org.capsim.report.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void readsDemandWaitsAndRofrOutcomes() throws Exception {
        ReportData data = ReportData.read(ReportFixture.write(dir, false));
        JobFigures jobs = data.jobs().get("p");
        assertEquals(8, jobs.demandGpus().mean()[15], 1e-12); // job 1 in both replications
        assertEquals(4, jobs.demandGpus().mean()[25], 1e-12); // only replication 2's job 1 still runs
        assertEquals(10, jobs.demandGpus().mean()[100], 1e-12); // replication 1: 16 running + 4 waiting
        assertEquals(9.89, jobs.demandPflops().mean()[100], 1e-9);
        assertEquals(3, jobs.waits().count()); // the waiting job has no wait
        assertEquals(2, jobs.waitsByProvider().get("x").count());
        assertEquals(1, jobs.waitsByClass().get("c2").count());
        assertEquals(List.of(new JobFigures.Quarter("2025 Q1", 1.0, 0.5)), jobs.rofr());
        assertTrue(jobs.hasRofr());
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
        assertTrue(e.getMessage().contains("summary.json: not valid JSON"), e.getMessage());

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
