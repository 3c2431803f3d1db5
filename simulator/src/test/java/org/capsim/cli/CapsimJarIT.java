package org.capsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar and the ./capsim launcher, run as separate processes exactly as a user runs them. */
class CapsimJarIT {

    private static final Path ROOT = Path.of(System.getProperty("capsim.root", "..")).toAbsolutePath().normalize();
    private static final Path JAR = Path.of(System.getProperty("capsim.jar", "target/capsim.jar")).toAbsolutePath();

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Result exec(Path cwd, List<String> command) throws IOException, InterruptedException {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close(); // no stdin, as in CI
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "timed out: " + command);
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Result jar(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return exec(ROOT, command);
    }

    @Test
    void runsTheSanityScenarioAndWritesTheReport() throws Exception {
        Path out = dir.resolve("report");
        Result result = jar("run", "scenarios/mmc-check.yaml", "--replications", "3", "--out", out.toString());
        assertEquals(0, result.exit(), result.all());
        assertTrue(result.out().contains("mean wait (h)"), result.out());
        for (String file : List.of("summary.json", "jobs.csv", "sites.csv", "scenario.yaml", "index.html",
                "charts/capacity.png", "charts/capacity.svg", "charts/waits.png", "charts/waits.svg")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        assertTrue(result.out().contains("index.html"), result.out());
        assertFalse(result.all().contains("WARN"), "no library log noise:\n" + result.all());
    }

    /** A sweep of a comparison from the packaged jar, in a log (no terminal): plain progress lines, every point's report. */
    @Test
    void comparesPoliciesOverASweepAsAUserWould() throws Exception {
        Path out = dir.resolve("sweep");
        Result result = jar("compare", "scenarios/mmc-check.yaml", "--policies", "earliest-start,cheapest", "--replications",
                "2", "--set", "horizon=2025-03-31,2025-06-30", "--out", out.toString());
        assertEquals(0, result.exit(), result.all());
        assertTrue(result.err().contains("8/8 replications done (sweep point 2/2)"), result.err());
        assertTrue(Files.readAllLines(out.resolve("sweep.csv")).size() > 2 * 2 * 14);
        for (String point : List.of("point-01", "point-02")) {
            assertTrue(Files.readString(out.resolve(point).resolve("summary.json")).contains("\"comparison\""), point);
        }
        assertFalse(result.all().contains("WARN") || result.all().contains("\tat "), result.all());
    }

    @Test
    void badInputExitsTwoWithoutStackTrace() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: Bad Name\nstart: 2025-13-01\n");
        Result result = jar("validate", bad.toString());
        assertEquals(2, result.exit(), result.all());
        assertTrue(result.err().contains("bad.yaml:1:7: name: 'Bad Name' is not a valid name"), result.err());
        assertTrue(result.err().contains("bad.yaml:2:8: start: '2025-13-01' is not a date"), result.err());
        assertFalse(result.all().contains("\tat "), result.all());
    }

    @Test
    void launcherWorksFromAnyFolderAndPassesTheExitStatus() throws Exception {
        Path launcher = ROOT.resolve("capsim");
        Result help = exec(dir, List.of(launcher.toString(), "--help"));
        assertEquals(0, help.exit(), help.all());
        assertTrue(help.out().contains("Usage: capsim"), help.out());
        Result policies = exec(dir, List.of(launcher.toString(), "policies"));
        assertEquals(0, policies.exit(), policies.all());
        assertTrue(policies.out().contains("rofr"), policies.out());
        Result missing = exec(dir, List.of(launcher.toString(), "validate", "no-such-file.yaml"));
        assertEquals(2, missing.exit(), missing.all());
        assertTrue(missing.err().contains("no-such-file.yaml: file not found"), missing.err());
    }

    /**
     * A run killed mid-way, by SIGKILL or SIGTERM (Ctrl-C's way), leaves the previous report under
     * the final name exactly as it was. Its hidden .report.tmp-* folder stays, never under the final
     * name, for a rerun to resume (ResumeIT); --fresh removes it and starts over.
     */
    @Test
    void aKilledRunLeavesThePreviousReportIntact() throws Exception {
        Path out = dir.resolve("report");
        Result first = jar("run", "scenarios/mmc-check.yaml", "--replications", "1", "--no-charts", "--out", out.toString());
        assertEquals(0, first.exit(), first.all());
        byte[] summary = Files.readAllBytes(out.resolve("summary.json"));
        for (boolean force : new boolean[] {true, false}) {
            List<String> before = hidden(dir);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", JAR.toString(), "run", "scenarios/stargate-2025.yaml", "--replications", "200", "--threads", "1",
                    "--no-charts", "--fresh", "--out", out.toString()));
            Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            // kill once the new report is being written: its hidden folder has rows in jobs.csv
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < deadline && !writing(dir, before)) {
                Thread.sleep(50);
            }
            assertTrue(writing(dir, before), "the run should have started writing");
            assertTrue(process.isAlive(), "the run must still be going when killed");
            if (force) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertTrue(java.util.Arrays.equals(summary, Files.readAllBytes(out.resolve("summary.json"))),
                    "the previous report is untouched");
            try (java.util.stream.Stream<Path> files = Files.list(out)) {
                assertEquals(List.of("index.html", "jobs.csv", "scenario.yaml", "sites.csv", "summary.json"),
                        files.map(p -> p.getFileName().toString()).sorted().toList());
            }
            assertEquals(1, hidden(dir).size(), "the killed run's folder stays, the one before it went: " + hidden(dir));
        }
    }

    /** The unfinished report folders beside the report, by name. */
    private static List<String> hidden(Path parent) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(parent)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".report.tmp-")).sorted().toList();
        }
    }

    /** Whether a new unfinished folder (not in {@code before}) has job rows. */
    private static boolean writing(Path parent, List<String> before) throws IOException {
        for (String name : hidden(parent)) {
            if (!before.contains(name)) {
                Path jobs = parent.resolve(name).resolve("jobs.csv");
                if (Files.exists(jobs) && Files.size(jobs) > 1000) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An --out that cannot be created is bad input, said plainly, with nothing written. */
    @Test
    void anOutFolderThatCannotBeCreatedIsBadInput() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a folder");
        Result result = jar("run", "scenarios/mmc-check.yaml", "--replications", "1", "--out",
                file.resolve("report").toString());
        assertEquals(2, result.exit(), result.all());
        assertTrue(result.err().contains("--out: cannot create the report folder"), result.err());
        assertFalse(result.all().contains("\tat "), result.all());
    }

    /**
     * A full disk (a 1 MB tmpfs) is exit 1 with a plain message, not an internal error, and leaves
     * the previous report as it was and no unfinished folder. Needs root to mount: skipped otherwise.
     */
    @Test
    void aFullDiskIsAPlainErrorAndLeavesThePreviousReport() throws Exception {
        Path disk = dir.resolve("small-disk");
        Files.createDirectories(disk);
        Result mount = exec(dir, List.of("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.toString()));
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.exit() == 0,
                "cannot mount a small tmpfs here (needs root): full-disk test skipped: " + mount.all().trim());
        try {
            Path out = disk.resolve("report");
            Files.createDirectories(out);
            Files.writeString(out.resolve("summary.json"), "{\"previous\": true}\n");
            Result result = jar("run", "scenarios/mmc-check.yaml", "--replications", "2", "--out", out.toString());
            assertEquals(1, result.exit(), result.all());
            assertTrue(result.err().contains("cannot write the report in ") && result.err().contains("No space left on device")
                    && result.err().contains("the previous report, if any, is unchanged"), result.err());
            assertFalse(result.err().contains("internal error") || result.all().contains("\tat "), result.all());
            assertEquals("{\"previous\": true}\n", Files.readString(out.resolve("summary.json")));
            try (java.util.stream.Stream<Path> files = Files.list(disk)) {
                assertEquals(List.of("report"), files.map(p -> p.getFileName().toString()).toList());
            }
        } finally {
            exec(dir, List.of("umount", disk.toString()));
        }
    }
}
