package org.capsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC 6.5: the same jobs written in each trace format replay to the same jobs.csv rows, the rows
 * each format skips are counted by reason in summary.json, and a CSV trace's report is as before
 * (no such count).
 */
class TraceFormatsTest {

    @TempDir
    Path dir;

    private static Path resource(String name) {
        try {
            return Path.of(TraceFormatsTest.class.getResource("/traces/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A one-pool scenario replaying {@code trace} in {@code format}; the report folder it wrote. */
    private Path replay(Path trace, String format, String horizon) throws IOException {
        Path work = Files.createDirectories(dir.resolve(format + "-" + trace.getParent().getFileName()));
        Path copy = Files.copy(trace, work.resolve(trace.getFileName()));
        String source = format.equals("csv") ? "    columns: { id: job_id }\n" : "    format: " + format + "\n";
        Path scenario = Files.writeString(work.resolve("scenario.yaml"), """
                name: formats
                start: 2025-01-01
                horizon: %s
                seed: 1
                replications: 1
                gpu-types:
                  H100: { peak-tflops: 989 }
                providers:
                  lab: { price-per-gpu-hour: 2 }
                sites:
                  - id: s
                    provider: lab
                    build-out:
                      - { date: 2024-12-01, gpu-type: H100, gpus: 24 }
                demand:
                  - class: replay
                    kind: trace
                    file: %s
                %s""".formatted(horizon, copy.getFileName(), source));
        Path out = work.resolve("report");
        Cli cli = Cli.run("run", scenario.toString(), "--out", out.toString(), "--no-charts");
        assertEquals(0, cli.exit(), cli.all());
        return out;
    }

    private static String jobs(Path report) throws IOException {
        return Files.readString(report.resolve("jobs.csv"), StandardCharsets.UTF_8);
    }

    private static JsonNode skipped(Path report) throws IOException {
        return new ObjectMapper().readTree(report.resolve("summary.json").toFile()).get("trace_rows_skipped");
    }

    @Test
    void theSameJobsInEveryFormatReplayToTheSameRows() throws IOException {
        Path csv = replay(resource("same-jobs/jobs.csv"), "csv", "2025-01-10");
        String expected = jobs(csv);
        assertEquals(7, expected.lines().count(), expected); // a header and six jobs
        assertTrue(skipped(csv) == null, "a CSV trace's summary.json keeps its keys");
        Map<String, String> files = Map.of("swf", "jobs.swf", "slurm", "jobs.sacct", "helios", "jobs-helios.csv",
                "acme", "jobs-acme.csv", "philly", "jobs-philly.json");
        // rows each fixture holds that are not jobs to replay: total, no GPUs, no run time, job steps
        Map<String, List<Integer>> skips = Map.of("swf", List.of(2, 1, 1, 0), "slurm", List.of(11, 2, 1, 8),
                "helios", List.of(2, 1, 1, 0), "acme", List.of(1, 1, 0, 0), "philly", List.of(2, 1, 1, 0));
        for (String format : files.keySet()) {
            Path report = replay(resource("same-jobs/" + files.get(format)), format, "2025-01-10");
            assertEquals(expected, jobs(report), format);
            JsonNode counts = skipped(report);
            List<Integer> want = skips.get(format);
            assertEquals(want, List.of(counts.get("total").asInt(), counts.get("no_gpus").asInt(),
                    counts.get("no_run_time").asInt(), counts.get("job_step").asInt()), format + ": " + counts);
        }
    }

    @Test
    void aSliceOfThePhillyTraceReplaysAlikeAsCsvSwfAndSlurm() throws IOException {
        String expected = jobs(replay(resource("philly-slice/jobs.csv"), "csv", "2025-01-31"));
        assertEquals(301, expected.lines().count());
        assertEquals(expected, jobs(replay(resource("philly-slice/jobs.swf"), "swf", "2025-01-31")), "swf");
        Path slurm = replay(resource("philly-slice/jobs.sacct"), "slurm", "2025-01-31");
        assertEquals(expected, jobs(slurm), "slurm");
        assertEquals(300, skipped(slurm).get("job_step").asInt());
    }

    @Test
    void skippedRowsAreSaidOnTheTerminal() throws IOException {
        Path work = Files.createDirectories(dir.resolve("said"));
        Files.copy(resource("same-jobs/jobs.sacct"), work.resolve("jobs.sacct"));
        Path scenario = Files.writeString(work.resolve("s.yaml"), """
                name: said
                start: 2025-01-01
                horizon: 2025-01-10
                gpu-types: { H100: { peak-tflops: 989 } }
                providers: { lab: { price-per-gpu-hour: 2 } }
                sites: [ { id: s, provider: lab, build-out: [ { date: 2024-12-01, gpu-type: H100, gpus: 24 } ] } ]
                demand:
                  - { class: replay, kind: trace, file: jobs.sacct, format: slurm }
                """);
        Cli cli = Cli.run("validate", scenario.toString());
        assertEquals(0, cli.exit(), cli.all());
        assertTrue(cli.all().contains("jobs.sacct: 11 rows skipped, not replayed: 2 with no GPUs, 1 with no positive run time, "
                + "8 job steps"), cli.all());
        assertFalse(cli.all().contains("Exception"), cli.all());
    }
}
