package org.capsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.capsim.cli.Main;
import org.capsim.report.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --spark local[2]} through capsim's own command line, in this JVM. */
class SparkStudyTest {

    private static final Path ROOT = Path.of(System.getProperty("capsim.root", ".."));
    private static final String SCENARIO = ROOT.resolve("scenarios/mmc-check.yaml").toString();
    /** 2 policies x 3 replications, at 2 sweep points. */
    private static final List<String> STUDY = List.of("compare", SCENARIO, "--policies", "earliest-start,cheapest",
            "--replications", "3", "--set", "sample-hours=24,48", "--no-charts", "--quiet");

    @TempDir
    Path tmp;

    /** Law: where the replications run does not change a byte of the report (SPEC 6.3). */
    @Test
    void sparkReportIsByteIdenticalToThreads() throws IOException {
        Path threads = tmp.resolve("threads");
        Path spark = tmp.resolve("spark");
        assertEquals(0, capsim("--threads", "2", "--out", threads.toString()).status);
        Run run = capsim("--spark", "local[2]", "--out", spark.toString());
        assertEquals(0, run.status, run.err);
        List<Path> files = files(threads);
        assertEquals(files, files(spark), "the same files");
        assertTrue(files.contains(Path.of("sweep.csv")), "sweep.csv");
        for (String name : List.of("summary.json", "jobs.csv", "sites.csv")) {
            assertEquals(2, files.stream().filter(f -> f.getFileName().toString().equals(name)).count(),
                    name + " of each point");
        }
        for (Path file : files) {
            // the outputs less their provenance (run times, command line), which also shows on the page
            if (!file.getFileName().toString().equals("index.html")) {
                assertEquals(Provenance.comparable(threads.resolve(file)), Provenance.comparable(spark.resolve(file)), file.toString());
            }
        }
        Path jobs = files.stream().filter(f -> f.getFileName().toString().equals("jobs.csv")).findFirst().orElseThrow();
        assertTrue(Files.readString(spark.resolve(jobs)).lines().count() > 1000, "jobs were written");
    }

    /** Law: --target-ci adds batches of replications on Spark exactly as on threads. */
    @Test
    void targetCiBatchesAreByteIdentical() throws IOException {
        List<String> study = List.of("run", SCENARIO, "--target-ci", "0.02", "--replications", "2",
                "--max-replications", "6", "--no-charts");
        Path threads = tmp.resolve("threads");
        Path spark = tmp.resolve("spark");
        assertEquals(0, capsim(study, "--threads", "2", "--quiet", "--out", threads.toString()).status);
        Run run = capsim(study, "--spark", "local[2]", "--out", spark.toString());
        assertEquals(0, run.status, run.err);
        String announced = run.err.lines().findFirst().orElse("");
        assertTrue(announced.startsWith("capsim run mmc-check:") && announced.endsWith(", Spark local[2]"),
                "the first line says where the replications run: " + announced);
        assertTrue(Files.readString(threads.resolve("summary.json")).contains("\"replications\" : 6"),
                "the target was not met in the first batch: more batches ran");
        for (String name : List.of("summary.json", "jobs.csv", "sites.csv")) {
            assertEquals(Provenance.comparable(threads.resolve(name)), Provenance.comparable(spark.resolve(name)), name);
        }
    }

    /** A master Spark cannot parse is bad input naming it, and leaves no report. */
    @Test
    void badMasterIsExit2AndNoReport() {
        Path out = tmp.resolve("bad");
        Run run = capsim("--spark", "nowhere://x", "--out", out.toString());
        assertEquals(2, run.status, run.err);
        assertTrue(run.err.contains("nowhere://x"), run.err);
        assertFalse(Files.exists(out), "no report folder");
    }

    /** A standalone master that does not answer is bad input naming it, at once, and leaves no report. */
    @Test
    void unreachableMasterIsExit2AndNoReport() throws IOException {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        Path out = tmp.resolve("unreachable");
        String master = "spark://127.0.0.1:" + port;
        Run run = capsim("--spark", master, "--out", out.toString());
        assertEquals(2, run.status, run.err);
        assertTrue(run.err.contains(master), run.err);
        assertFalse(Files.exists(out), "no report folder");
    }

    /**
     * A planner's policy that throws is their bad input on Spark as on threads: exit 2, the same
     * words, no report (and no retries: the same seeds would fail the same way).
     */
    @Test
    void plannersBrokenPolicyIsExit2AsWithThreads() {
        List<String> study = List.of("run", SCENARIO, "--policy", BrokenPolicy.class.getName(), "--replications", "3",
                "--no-charts", "--quiet");
        Run threads = capsim(study, "--threads", "2", "--out", tmp.resolve("threads").toString());
        Run spark = capsim(study, "--spark", "local[2]", "--out", tmp.resolve("spark").toString());
        assertEquals(2, threads.status, threads.err);
        assertTrue(threads.err.contains("routing policy 'broken' failed while routing job"), threads.err);
        assertEquals(threads.status, spark.status, spark.err);
        // the same words; which replication's failure is named may differ (threads: the first to fail)
        String words = "capsim: routing policy 'broken' failed while routing job ";
        assertTrue(threads.err.startsWith(words) && spark.err.startsWith(words), threads.err + spark.err);
        assertFalse(Files.exists(tmp.resolve("spark")), "no report folder");
    }

    private record Run(int status, String err) {
    }

    private static Run capsim(String... more) {
        return capsim(STUDY, more);
    }

    private static Run capsim(List<String> study, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = Stream.concat(study.stream(), Stream.of(more)).toArray(String[]::new);
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, err.toString(StandardCharsets.UTF_8));
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}
