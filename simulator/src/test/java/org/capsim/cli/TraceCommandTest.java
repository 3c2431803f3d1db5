package org.capsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.capsim.trace.TraceFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code capsim trace} (SPEC 6.5): the description, its page and charts, and a bad trace's located messages. */
class TraceCommandTest {

    @TempDir
    Path dir;

    private static Path resource(String name) {
        try {
            return Path.of(TraceCommandTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void describesATraceAndWritesAPageWithTwoCharts() throws IOException {
        Path out = dir.resolve("described");
        Cli cli = Cli.run("trace", resource("/traces/same-jobs/jobs.swf").toString(), "--out", out.toString());
        assertEquals(0, cli.exit(), cli.all());
        String said = cli.out();
        // six jobs of 1 to 16 GPUs: 8*1 + 1*2 + 4*1.5 + 16*10 + 2*25.0169 + 8*0.5 GPU-hours
        assertTrue(said.contains("6 of 8 rows (2 skipped: 1 with no GPUs, 1 with no positive run time)"), said);
        assertTrue(said.contains("GPU-hours          230.0"), said);
        assertTrue(said.contains("0 s to 7,200 s from the trace's start"), said);
        assertTrue(said.contains("largest 16"), said);
        String page = Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(page.contains("Arrivals per week") && page.contains("Job sizes") && page.contains("230.0"), page);
        for (String chart : new String[] {"arrivals.png", "arrivals.svg", "sizes.png", "sizes.svg"}) {
            assertTrue(Files.size(out.resolve("charts").resolve(chart)) > 1000, chart);
        }
    }

    @Test
    void aBadTraceIsLocatedAndWritesNothing() {
        Path out = dir.resolve("bad");
        Cli cli = Cli.run("trace", resource("/corpus/traces/slurm/elapsed-bad.sacct").toString(), "--out", out.toString());
        assertEquals(2, cli.exit(), cli.all());
        assertTrue(cli.err().contains("elapsed-bad.sacct:3: column 'Elapsed': is '1:75:00'"), cli.err());
        assertTrue(cli.clean(), cli.all());
        assertFalse(Files.exists(out));
    }

    @Test
    void anUnknownFormatListsTheFormats() {
        Cli cli = Cli.run("trace", resource("/traces/same-jobs/jobs.swf").toString(), "--format", "sacct", "--no-charts");
        assertEquals(2, cli.exit(), cli.all());
        assertTrue(cli.err().contains("expected one of: csv, swf, slurm, helios, acme, philly"), cli.err());
    }

    @Test
    void theFormatIsGuessedFromTheNameAndACsvHeader() {
        assertEquals(TraceFormat.SWF, TraceCommand.guess(resource("/traces/same-jobs/jobs.swf")));
        assertEquals(TraceFormat.SLURM, TraceCommand.guess(resource("/traces/same-jobs/jobs.sacct")));
        assertEquals(TraceFormat.PHILLY, TraceCommand.guess(resource("/traces/same-jobs/jobs-philly.json")));
        assertEquals(TraceFormat.HELIOS, TraceCommand.guess(resource("/traces/same-jobs/jobs-helios.csv")));
        assertEquals(TraceFormat.CSV, TraceCommand.guess(resource("/traces/same-jobs/jobs.csv")));
    }
}
