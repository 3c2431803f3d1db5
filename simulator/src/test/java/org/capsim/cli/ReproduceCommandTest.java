package org.capsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.capsim.report.Provenance;
import org.capsim.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code capsim reproduce DIR}: a fresh report reproduces; an altered one shows its first difference; what cannot run says why. */
class ReproduceCommandTest {

    private static final String SCENARIO = """
            name: reproduce-check
            start: 2025-01-01
            horizon: 2025-01-31
            seed: 9
            replications: 2
            gpu-types: { H100: { peak-tflops: 989 } }
            providers: { azure: { price-per-gpu-hour: 4 }, oracle: { price-per-gpu-hour: 3 } }
            sites:
              - { id: azure-us, provider: azure, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 64 } ] }
              - { id: abilene, provider: oracle, build-out: [ { date: 2025-01-10, gpu-type: H100, gpus: 64 } ] }
            demand:
              - { class: replay, kind: trace, file: data/jobs.csv, time-unit: hours,
                  columns: { submit: submit_h, gpus: gpus, duration: hours }, origin: 2025-01-01 }
              - { class: train, kind: sized, arrivals-per-day: 6, gpus: { choice: { 8: 0.5, 32: 0.5 } },
                  hours: { exponential: { mean: 20 } } }
            routing:
              policy: rofr
              rofr: { holder: azure, response-days: 0.5, max-start-delay-days: 2 }
            """;
    private static final String TRACE = "submit_h,gpus,hours\n1,8,30\n5,16,12.5\n40,64,100\n200,8,3\n";

    @TempDir
    Path dir;

    /** A fresh report of the scenario above, run as compare (two policies, --set-free). */
    private Path report() {
        Path scenario = TestScenarios.write(dir, "s.yaml", SCENARIO);
        TestScenarios.write(dir, "data/jobs.csv", TRACE);
        Path out = dir.resolve("report");
        Cli cli = Cli.run("compare", scenario.toString(), "--policies", "exclusive,rofr", "--no-charts", "--quiet",
                "--threads", "2", "--out", out.toString());
        assertEquals(0, cli.exit(), cli.all());
        return out;
    }

    @Test
    void aFreshReportIsReproduced() throws IOException {
        Path out = report();
        String summary = Files.readString(out.resolve("summary.json"), StandardCharsets.UTF_8);
        assertTrue(summary.startsWith("{\n  \"provenance\" : {\n    \"report_format\" : 1,"), summary);
        assertTrue(summary.contains("\"file\" : \"data/jobs.csv\""), summary);
        Cli cli = Cli.run("reproduce", out.toString());
        assertEquals(0, cli.exit(), cli.all());
        assertTrue(cli.out().startsWith("reproduced: summary.json, jobs.csv and sites.csv byte-identical (2 of 2"), cli.out());
        Cli first = Cli.run("reproduce", out.toString(), "--replications", "1");
        assertEquals(0, first.exit(), first.all());
        assertTrue(first.out().startsWith("reproduced: their rows in jobs.csv and sites.csv byte-identical (1 of 2"),
                first.out());
    }

    @Test
    void aDigitChangedInJobsCsvIsTheFirstDifference() throws IOException {
        Path out = report();
        Path jobs = out.resolve("jobs.csv");
        List<String> lines = Files.readAllLines(jobs, StandardCharsets.UTF_8);
        String row = lines.get(3);
        int comma = -1;
        for (int i = 0; i < 5; i++) {
            comma = row.indexOf(',', comma + 1); // the fifth ends arrival_h
        }
        char digit = row.charAt(comma - 1);
        lines.set(3, row.substring(0, comma - 1) + (digit == '9' ? '8' : (char) (digit + 1)) + row.substring(comma));
        Files.write(jobs, lines, StandardCharsets.UTF_8);
        Cli cli = Cli.run("reproduce", out.toString());
        assertEquals(1, cli.exit(), cli.all());
        assertTrue(cli.out().startsWith("differs: jobs.csv:4:" + comma + ": the report has '"), cli.out());
        String rerun = cli.out().substring(cli.out().indexOf("the re-run has '"));
        assertTrue(rerun.contains(row.substring(Math.max(0, comma - 1 - 24), comma) + ","), cli.out());
    }

    @Test
    void aMissingOrChangedTraceCannotRun() throws IOException {
        Path out = report();
        Path elsewhere = Files.createDirectories(dir.resolve("moved"));
        Files.move(dir.resolve("data/jobs.csv"), elsewhere.resolve("jobs.csv"));
        Cli missing = Cli.run("reproduce", out.toString());
        assertEquals(2, missing.exit(), missing.all());
        assertTrue(missing.err().startsWith("data/jobs.csv: missing: the report read it"), missing.err());
        assertEquals(0, Cli.run("reproduce", out.toString(), "--trace-dir", elsewhere.toString()).exit());
        Files.writeString(elsewhere.resolve("jobs.csv"), TRACE + "300,8,1\n", StandardCharsets.UTF_8);
        Cli changed = Cli.run("reproduce", out.toString(), "--trace-dir", elsewhere.toString());
        assertEquals(2, changed.exit(), changed.all());
        assertTrue(changed.err().contains("data/jobs.csv: hash mismatch: "), changed.err());
    }

    @Test
    void anEditedScenarioOrANewerFormatCannotRun() throws IOException {
        Path out = report();
        Path summary = out.resolve("summary.json");
        String text = Files.readString(summary, StandardCharsets.UTF_8);
        Files.writeString(summary, text.replace("\"report_format\" : 1,", "\"report_format\" : 2,"), StandardCharsets.UTF_8);
        Cli newer = Cli.run("reproduce", out.toString());
        assertEquals(2, newer.exit(), newer.all());
        assertTrue(newer.err().contains("a newer report format (2"), newer.err());
        Files.writeString(summary, text, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("scenario.yaml"), SCENARIO.replace("seed: 9", "seed: 10"), StandardCharsets.UTF_8);
        Cli edited = Cli.run("reproduce", out.toString());
        assertEquals(2, edited.exit(), edited.all());
        assertTrue(edited.err().contains("scenario.yaml: hash mismatch: changed since the run"), edited.err());
    }

    @Test
    void aSweepPointIsReproducedWithItsOwnValues() {
        Path scenario = TestScenarios.write(dir, "s.yaml", SCENARIO);
        TestScenarios.write(dir, "data/jobs.csv", TRACE);
        Path out = dir.resolve("sweep");
        Cli cli = Cli.run("run", scenario.toString(), "--set", "routing.rofr.max-start-delay-days=1,5", "--replications", "1",
                "--no-charts", "--quiet", "--out", out.toString());
        assertEquals(0, cli.exit(), cli.all());
        Cli point = Cli.run("reproduce", out.resolve("point-02").toString());
        assertEquals(0, point.exit(), point.all());
        assertTrue(point.out().startsWith("reproduced: "), point.out());
        Cli folder = Cli.run("reproduce", out.toString());
        assertEquals(2, folder.exit(), folder.all());
        assertTrue(folder.err().contains("(a sweep: name one of its point-NN folders)"), folder.err());
    }

    /** The recorded options run again, less those that cannot change the outputs; --replications replaces the recorded count. */
    @Test
    void theRecordedCommandRunsAgainWithoutWhatCannotChangeTheOutputs() {
        Provenance recorded = new Provenance(1, "v", "c", "j", "o", "capsim compare old/s.yaml --policies a,b --threads 3 "
                + "--out=x --target-ci 0.1 --seed 7 --spark local[2] --verify --capacity pflops --sample-hours=6", "h",
                List.of(), "t0", "t1", 1);
        assertEquals("compare new/s.yaml --policies a,b --target-ci 0.1 --seed 7 --sample-hours=6 --set k=v --out o "
                + "--quiet --no-charts", String.join(" ", new RecordedRun(recorded).again(Path.of("new/s.yaml"),
                Path.of("o"), java.util.Map.of("k", "v"), null)));
        assertEquals("compare new/s.yaml --policies a,b --seed 7 --sample-hours=6 --replications 2 --out o --quiet "
                + "--no-charts", String.join(" ", new RecordedRun(recorded).again(Path.of("new/s.yaml"), Path.of("o"),
                java.util.Map.of(), 2)));
        assertEquals("old/s.yaml", new RecordedRun(recorded).scenarioArgument().orElseThrow());
    }

    @Test
    void recordedCommandLinesSplitAsAShellSplitsThem() {
        assertEquals(List.of("capsim", "run", "a b.yaml", "--set", "x='1'", ""),
                RecordedRun.words("capsim run 'a b.yaml' --set 'x='\\''1'\\''' ''"));
    }
}
