package org.capsim.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.capsim.cli.Main;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report folder: its three files, their determinism, and safe replacement. */
class ReportFilesTest {

    private static final String SCENARIO = """
            name: report-check
            start: 2025-01-01
            horizon: 2025-03-31
            warmup-days: 5
            seed: 99
            replications: 4
            gpu-types: { H100: { peak-tflops: 989 }, GB200: { peak-tflops: 2500 } }
            providers:
              azure: { price-per-gpu-hour: { H100: 4, GB200: 8 } }
              stargate: { price-per-gpu-hour: 3 }
            sites:
              - { id: azure-us, provider: azure, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 128 },
                                                          { date: 2025-02-01, gpu-type: GB200, gpus: 64 } ] }
              - { id: abilene, provider: stargate, build-out: [ { date: 2025-01-15, gpu-type: GB200, gpus: 256 } ] }
            demand:
              - { class: big, kind: scaling-law, arrivals-per-day: 1, median-flops: 1.0e21, flops-sigma: 1,
                  mfu: 0.4, target-days: 2, priority: 5 }
              - { class: small, kind: sized, arrivals-per-day: 30, gpus: { choice: { 1: 0.5, 8: 0.5 } },
                  hours: { exponential: { mean: 5 } }, reference-gpu: H100 }
            routing:
              policy: rofr
              rofr: { holder: azure, response-days: 1, max-start-delay-days: 2 }
            """;

    @TempDir
    Path dir;

    private int run(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(sink, true, StandardCharsets.UTF_8);
        int exit = Main.run(args, stream, stream);
        assertEquals(0, exit, sink.toString(StandardCharsets.UTF_8));
        return exit;
    }

    @Test
    void outputIsTheSameForAnyThreadCount() throws IOException {
        Path scenario = TestScenarios.write(dir, "s.yaml", SCENARIO);
        run("run", scenario.toString(), "--threads", "1", "--out", dir.resolve("t1").toString(), "--quiet");
        run("run", scenario.toString(), "--threads", "3", "--out", dir.resolve("t3").toString(), "--quiet");
        for (String file : List.of("summary.json", "jobs.csv", "sites.csv")) {
            assertEquals(Provenance.comparable(dir.resolve("t1").resolve(file)),
                    Provenance.comparable(dir.resolve("t3").resolve(file)), file + " differs between --threads 1 and 3");
        }
        // one replication on two threads: its rows are made into text on a writer thread beside the simulation
        run("run", scenario.toString(), "--replications", "1", "--threads", "1", "--out", dir.resolve("one1").toString(),
                "--quiet", "--no-charts");
        run("run", scenario.toString(), "--replications", "1", "--threads", "2", "--out", dir.resolve("one2").toString(),
                "--quiet", "--no-charts");
        for (String file : List.of("summary.json", "jobs.csv", "sites.csv")) {
            assertEquals(Provenance.comparable(dir.resolve("one1").resolve(file)),
                    Provenance.comparable(dir.resolve("one2").resolve(file)), file + " differs with a writer thread");
        }
    }

    /**
     * The charts of a run come from the values it fed while writing its rows, and those of
     * {@code capsim report DIR} from the rows read back: the two must draw the same figures and
     * page, byte for byte, whatever the threads, policies or sampling.
     */
    @Test
    void chartsOfTheRunAreThoseReadBackFromItsFiles() throws IOException {
        Path scenario = TestScenarios.write(dir, "s.yaml", SCENARIO);
        List<List<String>> cases = List.of(
                List.of("run", "--threads", "3"),
                List.of("compare", "--policies", "rofr,earliest-start", "--replications", "3", "--threads", "2"),
                List.of("run", "--sample-hours", "12", "--replications", "2"));
        int n = 0;
        for (List<String> args : cases) {
            Path out = dir.resolve("case-" + n++);
            List<String> command = new java.util.ArrayList<>(List.of(args.get(0), scenario.toString(), "--out",
                    out.toString(), "--quiet"));
            command.addAll(args.subList(1, args.size()));
            run(command.toArray(String[]::new));
            Map<String, byte[]> drawn = files(out);
            assertTrue(drawn.keySet().containsAll(List.of("index.html", "charts/capacity.svg", "charts/waits.png")),
                    args + ": " + drawn.keySet());
            run("report", out.toString(), "--quiet");
            Map<String, byte[]> redrawn = files(out);
            assertEquals(drawn.keySet(), redrawn.keySet(), args.toString());
            for (String file : drawn.keySet()) {
                assertArrayEquals(drawn.get(file), redrawn.get(file), args + ": " + file + " differs when read back");
            }
        }
    }

    /** index.html and the charts of a report folder, by path. */
    private static Map<String, byte[]> files(Path report) throws IOException {
        Map<String, byte[]> out = new java.util.TreeMap<>();
        out.put("index.html", Files.readAllBytes(report.resolve("index.html")));
        try (Stream<Path> charts = Files.list(report.resolve("charts"))) {
            for (Path chart : charts.toList()) {
                out.put("charts/" + chart.getFileName(), Files.readAllBytes(chart));
            }
        }
        return out;
    }

    @Test
    void filesHaveTheSpecColumnsAndAgreeWithEachOther() throws IOException {
        Path scenario = TestScenarios.write(dir, "s.yaml", SCENARIO);
        Path out = dir.resolve("r");
        run("run", scenario.toString(), "--out", out.toString(), "--quiet");
        List<String> jobs = Files.readAllLines(out.resolve("jobs.csv"));
        // SPEC's columns first, in order; capsim's extra columns after them
        assertEquals("policy,replication,job_id,class,arrival_h,site,provider,pool_type,rofr,start_h,end_h,wait_h,gpus,"
                + "gpu_hours,cost_usd,interruptions,status,held_h,promised_start_h,flops,model_params,tokens", jobs.get(0));
        List<String> sites = Files.readAllLines(out.resolve("sites.csv"));
        assertEquals("policy,replication,time_h,date,site,provider,pool_type,installed_gpus,reserved_gpus,busy_gpus,"
                + "queued_jobs,queued_gpus", sites.get(0));

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("report-check", summary.get("scenario").asText());
        assertEquals(4, summary.get("replications").asInt());
        JsonNode policy = summary.get("policies").get(0);
        assertEquals("rofr", policy.get("policy").asText());
        for (String metric : List.of("wait_h_mean", "wait_h_p50", "wait_h_p95", "wait_h_p99", "jobs_arrived", "jobs_completed",
                "jobs_running", "jobs_waiting", "jobs_rejected", "rofr_offers", "rofr_refusals", "utilization", "gpu_hours",
                "spend_usd")) {
            JsonNode m = policy.get("metrics").get(metric);
            assertEquals(4, m.get("n").asInt(), metric);
            assertTrue(m.get("ci95").asDouble() >= 0, metric);
        }
        assertTrue(policy.get("classes").has("big") && policy.get("providers").has("stargate") && policy.get("sites").has("abilene"));

        // summary's mean gpu_hours and jobs_arrived are the per-replication sums of jobs.csv (jobs after the warm-up)
        Map<String, double[]> perReplication = new HashMap<>();
        for (String line : jobs.subList(1, jobs.size())) {
            String[] f = line.split(",", -1);
            double[] sums = perReplication.computeIfAbsent(f[1], k -> new double[2]);
            if (Double.parseDouble(f[4]) >= 5 * 24) {
                sums[0] += Double.parseDouble(f[13]);
                sums[1] += 1;
            }
            if (f[16].equals("completed")) {
                double gpus = Double.parseDouble(f[12]);
                double held = Double.parseDouble(f[10]) - Double.parseDouble(f[9]);
                assertEquals(gpus * held, Double.parseDouble(f[13]), 1e-3 + 1e-6 * gpus * held, line);
                assertEquals(Double.parseDouble(f[9]) - Double.parseDouble(f[4]), Double.parseDouble(f[11]), 2e-6, line);
            }
        }
        assertEquals(4, perReplication.size());
        double meanGpuHours = perReplication.values().stream().mapToDouble(v -> v[0]).average().orElseThrow();
        double meanArrived = perReplication.values().stream().mapToDouble(v -> v[1]).average().orElseThrow();
        assertEquals(meanGpuHours, policy.get("metrics").get("gpu_hours").get("mean").asDouble(), 1e-6 * meanGpuHours);
        assertEquals(meanArrived, policy.get("metrics").get("jobs_arrived").get("mean").asDouble(), 1e-9);
        assertEquals(1.0, policy.get("providers").get("azure").get("share_gpu_hours").get("mean").asDouble()
                + policy.get("providers").get("stargate").get("share_gpu_hours").get("mean").asDouble(), 1e-9);
    }

    @Test
    void sitesRowsAreOrderedAndOnePerPoolAndInstant() throws IOException {
        Path scenario = TestScenarios.write(dir, "s.yaml", SCENARIO);
        Path out = dir.resolve("r");
        run("run", scenario.toString(), "--out", out.toString(), "--quiet", "--replications", "1");
        List<String> rows = Files.readAllLines(out.resolve("sites.csv"));
        double last = -1;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            double time = Double.parseDouble(f[2]);
            assertTrue(time >= last, "rows out of time order at " + row);
            last = time;
            assertTrue(seen.add(f[2] + "/" + f[4] + "/" + f[6]), "two rows for one pool and instant: " + row);
            int installed = Integer.parseInt(f[7]);
            int busy = Integer.parseInt(f[9]);
            assertTrue(busy >= 0 && busy <= installed, "GPU conservation: " + row);
        }
        // a row for every pool at the start and at the end (2025-03-31 24:00 = 2160 h)
        assertEquals(3, rows.stream().filter(r -> r.split(",")[2].equals("0")).count());
        assertEquals(3, rows.stream().filter(r -> r.split(",")[2].equals("2160")).count());
        assertTrue(rows.stream().anyMatch(r -> r.contains(",2025-02-01,azure-us,azure,GB200,64,")), "tranche row");
    }

    @Test
    void samplingWritesAGrid() throws IOException {
        Path scenario = TestScenarios.write(dir, "s.yaml", SCENARIO);
        Path out = dir.resolve("r");
        run("run", scenario.toString(), "--out", out.toString(), "--quiet", "--replications", "1", "--sample-hours", "24");
        List<String> rows = Files.readAllLines(out.resolve("sites.csv"));
        assertEquals(1 + 3 * 91, rows.size()); // 0, 24, ..., 2160 h for three pools
    }

    @Test
    void aFailedRunLeavesThePreviousReportIntact() throws IOException {
        Path scenario = TestScenarios.write(dir, "s.yaml", SCENARIO);
        Path out = dir.resolve("r");
        run("run", scenario.toString(), "--out", out.toString(), "--quiet", "--replications", "1");
        byte[] before = Files.readAllBytes(out.resolve("jobs.csv"));
        // the same report folder, but the run fails part-way: the policy throws on its 200th job
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(sink, true, StandardCharsets.UTF_8);
        int exit = Main.run(new String[] {"run", scenario.toString(), "--out", out.toString(), "--threads", "2",
            "--policy", ExplodingPolicy.class.getName()}, stream, stream);
        String printed = sink.toString(StandardCharsets.UTF_8);
        assertEquals(2, exit, printed);
        assertTrue(printed.contains("routing policy 'exploding' failed while routing"), printed);
        assertArrayEquals(before, Files.readAllBytes(out.resolve("jobs.csv")));
        try (Stream<Path> siblings = Files.list(dir)) {
            assertFalse(siblings.anyMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temporary folder left");
        }
    }

    /** Fails in the middle of a run. */
    public static final class ExplodingPolicy implements org.capsim.policy.RoutingPolicy {
        private int jobs;

        @Override
        public String name() {
            return "exploding";
        }

        @Override
        public org.capsim.policy.Decision route(org.capsim.policy.JobRequest job, org.capsim.policy.FleetView fleet) {
            if (++jobs == 200) {
                throw new IllegalStateException("exploded");
            }
            return org.capsim.policy.Decision.place(fleet.pools().get(0));
        }
    }

    @Test
    void aFolderWithOtherFilesIsNeverReplaced() throws IOException {
        Path scenario = TestScenarios.write(dir, "s.yaml", SCENARIO);
        Path mine = dir.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(sink, true, StandardCharsets.UTF_8);
        assertEquals(2, Main.run(new String[] {"run", scenario.toString(), "--out", mine.toString(), "--quiet"}, stream, stream));
        assertTrue(sink.toString(StandardCharsets.UTF_8).contains("already holds files capsim did not write (notes.txt)"),
                sink.toString(StandardCharsets.UTF_8));
        assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));
        assertEquals(List.of(mine.resolve("notes.txt")), Files.list(mine).toList());
        // an empty folder is fine
        Path empty = Files.createDirectories(dir.resolve("empty"));
        run("run", scenario.toString(), "--out", empty.toString(), "--quiet", "--replications", "1");
        assertTrue(Files.exists(empty.resolve("summary.json")));
    }

    @Test
    void reportFolderReplacesAtomically() throws IOException {
        Path target = dir.resolve("report");
        try (ReportFolder first = ReportFolder.create(target)) {
            Files.writeString(first.dir().resolve("jobs.csv"), "one");
            first.commit();
        }
        try (ReportFolder failing = ReportFolder.create(target)) {
            Files.writeString(failing.dir().resolve("jobs.csv"), "half");
            // not committed: as if the run failed here
        }
        assertEquals("one", Files.readString(target.resolve("jobs.csv")));
        try (ReportFolder second = ReportFolder.create(target)) {
            Files.writeString(second.dir().resolve("jobs.csv"), "two");
            second.commit();
        }
        assertEquals("two", Files.readString(target.resolve("jobs.csv")));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(target), left.toList());
        }
    }

    @Test
    void reportFoldersInWritingHaveNewNamesAndAreNotPrivate() throws IOException {
        Path target = dir.resolve("report");
        try (ReportFolder first = ReportFolder.create(target)) {
            assertTrue(first.dir().getFileName().toString().startsWith(".report.tmp-"), first.dir().toString());
            // a second run to the same target while the first is alive does not share or touch its folder
            ReportFolder.Busy busy = org.junit.jupiter.api.Assertions.assertThrows(ReportFolder.Busy.class,
                    () -> ReportFolder.create(target));
            assertTrue(busy.getMessage().contains("another capsim run is writing " + target + " (started "), busy.getMessage());
            assertTrue(busy.getMessage().contains("pid " + ProcessHandle.current().pid()), busy.getMessage());
            assertTrue(Files.isDirectory(first.dir()));
            if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                // a folder that becomes the report gets the permissions of any folder the user
                // makes, which let the owner, at least, read, write and list it
                var mine = Files.getPosixFilePermissions(Files.createDirectory(dir.resolve("made-by-the-user")));
                assertEquals(mine, Files.getPosixFilePermissions(first.dir()));
            }
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("made-by-the-user")), left.toList(), "folders never committed are removed");
        }
    }
}
