package org.capsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.capsim.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row (e) prints the queue a backlog run ends with as summary.json's jobs_waiting: that figure
 * is the jobs still queued at the horizon in jobs.csv, and the generated trace does build a
 * queue (its load is above the fleet's).
 */
class BacklogRowTest {

    @TempDir
    Path dir;

    @Test
    void queueReadFromTheSummaryIsTheJobsStillWaiting() throws IOException {
        Path scenario = BacklogTraceGenerator.write(dir, 3_000, 7);
        Path out = dir.resolve("report");
        int exit = Main.run(new String[] {"run", scenario.toString(), "--no-charts", "--quiet", "--out", out.toString()},
                System.out, System.err);
        assertEquals(0, exit);

        List<String> header = List.of(Files.readAllLines(out.resolve("jobs.csv")).get(0).split(","));
        int status = header.indexOf("status");
        long waiting;
        try (Stream<String> lines = Files.lines(out.resolve("jobs.csv"))) {
            waiting = lines.skip(1).filter(line -> line.split(",", -1)[status].equals("waiting")).count();
        }
        assertTrue(waiting > 100, "an overloaded fleet ends with a queue: " + waiting);
        assertEquals(waiting, BacklogRow.jobsWaiting(out.resolve("summary.json")));
    }
}
