package org.capsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.capsim.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's yardstick is only fair if it does the same work: on a generated trace cut by
 * the horizon (so jobs complete, run on and wait), the bare reference replay writes the same
 * jobs.csv rows as capsim, job by job, to the CSV's six decimals. Also the smoke run of the
 * benchmark code in CI.
 */
class ReferenceReplayTest {

    @TempDir
    Path dir;

    @Test
    void referenceWritesTheSameJobsAsCapsim() throws IOException {
        Path scenario = TraceGenerator.write(dir, 4000, 11); // about 33 hours of arrivals
        // cut at the end of the first day (not with --set, which would make a one-point sweep), on a
        // pool too small for the load, so that jobs are still waiting and running at the horizon
        Files.writeString(scenario, Files.readString(scenario).replaceFirst("(?m)^horizon: .*$", "horizon: 2025-01-01")
                .replace("gpus: " + TraceGenerator.GPUS + " }", "gpus: 32 }"));
        Path capsim = dir.resolve("capsim");
        int exit = Main.run(new String[] {"run", scenario.toString(), "--no-charts", "--quiet", "--out", capsim.toString()},
                System.out, System.err);
        assertEquals(0, exit);
        Path reference = dir.resolve("reference-jobs.csv");
        ReferenceReplay.run(dir.resolve("trace.csv"), reference, 32, 24, TraceGenerator.PRICE);

        Map<String, CSVRecord> expected = rows(capsim.resolve("jobs.csv"));
        Map<String, CSVRecord> actual = rows(reference);
        assertEquals(expected.keySet(), actual.keySet(), "the same jobs");
        Map<String, Integer> statuses = new HashMap<>();
        for (Map.Entry<String, CSVRecord> e : expected.entrySet()) {
            CSVRecord want = e.getValue();
            CSVRecord got = actual.get(e.getKey());
            for (String column : want.getParser().getHeaderNames()) {
                String a = want.get(column);
                String b = got.get(column);
                if (!a.equals(b)) {
                    assertTrue(!a.isEmpty() && !b.isEmpty() && Math.abs(Double.parseDouble(a) - Double.parseDouble(b)) <= 2e-6,
                            e.getKey() + "." + column + ": capsim " + a + ", reference " + b);
                }
            }
            statuses.merge(want.get("status"), 1, Integer::sum);
        }
        // the horizon cut the trace: every final state is represented
        for (String status : List.of("completed", "running", "waiting")) {
            assertTrue(statuses.getOrDefault(status, 0) > 0, status + " missing: " + statuses);
        }
    }

    private static Map<String, CSVRecord> rows(Path file) throws IOException {
        Map<String, CSVRecord> out = new HashMap<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                out.put(row.get("job_id"), row);
            }
        }
        return out;
    }
}
