package org.capsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.capsim.report.ChartReport;
import org.capsim.report.ReportFormatException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code capsim report DIR}: redraws a report folder's charts and index.html from its files. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Rebuild a report folder's charts and index.html, without simulating.",
            "",
            "Draws charts/*.png, *.svg and index.html again from the folder's",
            "summary.json, jobs.csv and sites.csv: after an upgrade, to change --capacity,",
            "or to draw the charts of a run made with --no-charts. For a sweep folder (one",
            "with sweep.csv) every point's page and the sweep's own page are rebuilt. The",
            "old charts and page stay in place until the new ones are complete."},
        footer = {"", "Examples:",
            "  capsim report reports/stargate-2025",
            "  capsim report reports/stargate-2025-compare --capacity pflops",
            "", "Exit status: 0 success, 2 when DIR is not a capsim report (the message says which file and why)."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "A report folder written by capsim run or compare.")
    Path dir;

    @Mixin
    ChartOptions chartOptions;

    @Option(names = "--quiet", description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = "--debug", description = "Print stack traces of errors (for reporting bugs).")
    boolean debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var unit = chartOptions.unit();
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": " + (Files.exists(dir) ? "not a folder" : "no such folder"));
        }
        long started = System.nanoTime();
        ChartReport.Written written;
        try {
            written = ChartReport.write(dir, unit, true);
        } catch (ReportFormatException e) {
            throw new BadInputException(e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException(dir + ": cannot rebuild the report: " + IoMessages.describe(e));
        }
        if (!quiet) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "Rebuilt %d chart%s and %d page%s in %.1f s. Open %s%n", written.figures(),
                    written.figures() == 1 ? "" : "s", written.pages(), written.pages() == 1 ? "" : "s",
                    (System.nanoTime() - started) / 1e9, dir.resolve("index.html"));
            out.flush();
        }
        return Main.OK;
    }
}
