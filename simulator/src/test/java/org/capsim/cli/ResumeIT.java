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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.capsim.report.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Studies killed with SIGKILL at seeded random moments, then rerun with the same command to the
 * same --out, end with the very bytes of a run never interrupted: the rerun resumes after the
 * replications the killed run completed. The packaged jar, run as a user runs it.
 */
class ResumeIT {

    private static final Path ROOT = Path.of(System.getProperty("capsim.root", "..")).toAbsolutePath().normalize();
    private static final Path JAR = Path.of(System.getProperty("capsim.jar", "target/capsim.jar")).toAbsolutePath();
    private static final int KILLS = 5;

    @TempDir
    Path dir;

    /** The M/M/8 check over two months: a replication takes a fraction of a second. */
    private Path scenario(String arrivals) throws IOException {
        String text = Files.readString(ROOT.resolve("scenarios/mmc-check.yaml"), StandardCharsets.UTF_8)
                .replaceFirst("(?m)^horizon: .*$", "horizon: 2025-02-28").replaceFirst("(?m)^warmup-days: .*$", "warmup-days: 2")
                .replace("arrivals-per-hour: 6.4", "arrivals-per-hour: " + arrivals);
        Path file = dir.resolve("small.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Process start(List<String> args, Path log) throws IOException {
        // C1 only: these studies last seconds, and C2's compiler threads would take the cores they run on
        // (ResumeIT ran 47-50 s so against 54-67 s on the 2-core CI machine)
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        return process;
    }

    private String finish(Process process, Path log) throws IOException, InterruptedException {
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "timed out");
        String printed = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), printed);
        return printed;
    }

    @Test
    void aThreePolicyCompareKilledFiveTimesEndsAsIfNeverKilled() throws Exception {
        Path scenario = scenario("6.4");
        List<String> study = List.of("compare", scenario.toString(), "--policies", "earliest-start,cheapest,lowest-carbon",
                "--replications", "14", "--threads", "2");
        killedAndResumed(study, List.of("jobs.csv", "sites.csv", "summary.json"), 11);
    }

    @Test
    void aTwoPointSweepKilledFiveTimesEndsAsIfNeverKilled() throws Exception {
        Path scenario = scenario("6.4");
        List<String> study = List.of("run", scenario.toString(), "--set", "horizon=2025-02-15,2025-02-28",
                "--replications", "8", "--threads", "2");
        List<String> files = new ArrayList<>(List.of("sweep.csv"));
        for (String point : List.of("point-01", "point-02")) {
            for (String file : List.of("jobs.csv", "sites.csv", "summary.json")) {
                files.add(point + "/" + file);
            }
        }
        killedAndResumed(study, files, 22);
    }

    @Test
    void aKilledSensitivityStudyEndsAsIfNeverKilled() throws Exception {
        Path scenario = scenario("6.4");
        List<String> study = List.of("sensitivity", scenario.toString(), "--vary", "demand[0].arrivals-per-hour=-10%,+10%",
                "--vary", "sites[0].build-out[0].gpus=7,9", "--replications", "6", "--threads", "2");
        killedAndResumed(study, List.of("sensitivity.csv", "summary.json"), 33, 1);
    }

    @Test
    void aKilledComparisonOfScenariosEndsAsIfNeverKilled() throws Exception {
        Path scenario = scenario("6.4");
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, Files.readString(scenario, StandardCharsets.UTF_8).replaceFirst("(?m)^name: .*$",
                "name: slower").replace("arrivals-per-hour: 6.4", "arrivals-per-hour: 6.8"), StandardCharsets.UTF_8);
        List<String> study = List.of("compare", scenario.toString(), other.toString(), "--replications", "6", "--threads", "2");
        List<String> files = new ArrayList<>(List.of("summary.json"));
        for (String arm : List.of("mmc-check", "slower")) {
            for (String file : List.of("jobs.csv", "sites.csv", "summary.json")) {
                files.add("arms/" + arm + "/" + file);
            }
        }
        killedAndResumed(study, files, 44, 1);
    }

    private void killedAndResumed(List<String> study, List<String> files, long seed) throws Exception {
        killedAndResumed(study, files, seed, KILLS);
    }

    /**
     * Runs {@code study} uninterrupted, then again to another folder killed at {@code kills}
     * random moments after it started writing, each rerun resuming the last; compares the files.
     */
    private void killedAndResumed(List<String> study, List<String> files, long seed, int kills) throws Exception {
        Path reference = dir.resolve("reference");
        long started = System.nanoTime();
        finish(start(with(study, "--no-charts", "--out", reference.toString()), dir.resolve("reference.log")),
                dir.resolve("reference.log"));
        long whole = (System.nanoTime() - started) / 1_000_000;
        Path out = dir.resolve("killed");
        Random random = new Random(seed);
        int killed = 0;
        int resumed = 0;
        for (int attempt = 0; attempt < kills; attempt++) {
            // a random moment once this attempt completed one or two more replications (others are
            // then part-way, their rows part-written), plus a jitter: mid-run whatever the machine's speed
            int target = logged() + 1 + random.nextInt(2);
            Path log = dir.resolve("attempt-" + attempt + ".log");
            Process process = start(with(study, "--no-charts", "--out", out.toString()), log);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (process.isAlive() && logged() < target && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(random.nextInt(50));
            if (process.isAlive()) {
                process.destroyForcibly();
                killed++;
            }
            assertTrue(process.waitFor(1, TimeUnit.MINUTES));
            resumed += resumedLine(log) ? 1 : 0;
        }
        assertEquals(kills, killed, "every kill lands while the study runs");
        // the last rerun, with charts: they read back the rows of the replications resumed
        Path log = dir.resolve("last.log");
        finish(start(with(study, "--out", out.toString()), log), log);
        resumed += resumedLine(log) ? 1 : 0;
        assertTrue(resumed >= kills - 1, "reruns resumed: " + resumed);
        System.out.printf("%s: a whole run %d ms; %d kills, %d reruns resumed%n", study.get(0), whole, killed, resumed);
        for (String file : files) { // summary.json less its provenance (run times, command line)
            assertEquals(Provenance.comparable(reference.resolve(file)), Provenance.comparable(out.resolve(file)), file);
        }
        assertTrue(Files.exists(out.resolve("index.html")));
        assertEquals(List.of(), workFolders(), "no work folder left");
        try (Stream<Path> entries = Files.list(out)) {
            assertFalse(entries.anyMatch(p -> p.getFileName().toString().startsWith(".")), "nothing hidden in the report");
        }
    }

    @Test
    void aChangedScenarioIsNotResumedAndTheChangeIsNamed() throws Exception {
        Path scenario = scenario("6.4");
        Path out = dir.resolve("killed");
        List<String> study = List.of("run", scenario.toString(), "--replications", "40", "--threads", "1", "--quiet",
                "--no-charts", "--out", out.toString());
        Process process = start(study, dir.resolve("first.log"));
        while (process.isAlive() && !writing(process.pid())) {
            Thread.sleep(20);
        }
        process.destroyForcibly();
        assertTrue(process.waitFor(1, TimeUnit.MINUTES));
        assertEquals(1, workFolders().size());
        scenario("6.3");
        Path log = dir.resolve("changed.log");
        Process changed = start(study, log);
        assertTrue(changed.waitFor(2, TimeUnit.MINUTES));
        String printed = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(2, changed.exitValue(), printed);
        assertTrue(printed.contains("--out: the scenario changed since the interrupted run (sha256 "), printed);
        assertTrue(printed.contains("rerun with --fresh to start over"), printed);
        assertEquals(1, workFolders().size(), "the interrupted run's folder is kept");
        List<String> fresh = new ArrayList<>(study);
        fresh.set(fresh.indexOf("40"), "2");
        fresh.add("--fresh");
        finish(start(fresh, dir.resolve("fresh.log")), dir.resolve("fresh.log"));
        assertEquals(List.of(), workFolders());
    }

    @Test
    void aRerunWithAnotherReplicationCountKeepsWhatItNeedsOfTheDoneOnes() throws Exception {
        Path scenario = scenario("6.4");
        Path out = dir.resolve("killed");
        List<String> study = List.of("run", scenario.toString(), "--threads", "2", "--quiet", "--no-charts", "--out",
                out.toString());
        for (boolean fewer : List.of(true, false)) {
            Process process = start(with(study, "--replications", "400"), dir.resolve("long.log"));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (process.isAlive() && logged() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            process.destroyForcibly();
            assertTrue(process.waitFor(1, TimeUnit.MINUTES));
            int done = logged();
            assertTrue(done >= 4 && done < 400, "killed mid-run after " + done + " replications");
            // fewer than done: the first ones only; more: the done ones and then the rest
            String count = Integer.toString(fewer ? 3 : done + 3);
            Path log = dir.resolve("rerun.log");
            finish(start(with(study, "--replications", count).stream().filter(a -> !a.equals("--quiet")).toList(), log), log);
            assertTrue(resumedLine(log), Files.readString(log, StandardCharsets.UTF_8));
            Path reference = dir.resolve("reference-" + count);
            List<String> whole = new ArrayList<>(study);
            whole.set(whole.indexOf(out.toString()), reference.toString());
            finish(start(with(whole, "--replications", count), dir.resolve("reference.log")), dir.resolve("reference.log"));
            for (String file : List.of("jobs.csv", "sites.csv", "summary.json")) {
                assertEquals(Provenance.comparable(reference.resolve(file)), Provenance.comparable(out.resolve(file)),
                        count + " replications: " + file);
            }
        }
    }

    private static List<String> with(List<String> study, String... more) {
        List<String> all = new ArrayList<>(study);
        all.addAll(List.of(more));
        return all;
    }

    private List<Path> workFolders() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".killed.tmp-")).toList();
        }
    }

    /** Replications the killed study's work folder holds as completed (lines of its points' resume logs). */
    private int logged() throws IOException {
        int lines = 0;
        for (Path work : workFolders()) {
            Path resume = work.resolve(".capsim-resume");
            if (Files.isDirectory(resume)) {
                try (Stream<Path> logs = Files.list(resume)) {
                    for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                        lines += (int) Files.readString(log, StandardCharsets.US_ASCII).chars().filter(c -> c == '\n').count();
                    }
                }
            }
        }
        return lines;
    }

    /** Whether a rerun said it resumed replications. */
    private static boolean resumedLine(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8).lines()
                .anyMatch(l -> l.matches("resumed [1-9]\\d* of \\d+ replications from .*\\.killed\\.tmp-.*"));
    }

    /** Whether process {@code pid} holds the study's work folder and has rows written there (or in a sweep point's). */
    private boolean writing(long pid) throws IOException {
        for (Path work : workFolders()) {
            Path lock = work.resolve(".capsim-lock");
            if (!Files.exists(lock) || !Files.readString(lock).contains("pid " + pid + "\n")) {
                continue;
            }
            try (Stream<Path> files = Files.walk(work, 2)) {
                if (files.anyMatch(p -> p.getFileName().toString().equals("jobs.csv"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
