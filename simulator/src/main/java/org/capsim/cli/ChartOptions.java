package org.capsim.cli;

import java.util.Locale;

import org.capsim.report.chart.Figures;

import picocli.CommandLine.Option;

/** How charts are drawn: the options of run, compare and report. */
final class ChartOptions {

    @Option(names = "--capacity", paramLabel = "UNIT", defaultValue = "gpus",
            description = "What the capacity chart measures: gpus (installed GPUs, the default) or pflops "
                    + "(installed peak PFLOP/s, comparing GPU generations fairly).")
    String capacity;

    /** The unit, or a bad-input error naming the option. */
    Figures.CapacityUnit unit() {
        return switch (capacity.trim().toLowerCase(Locale.ROOT)) {
            case "gpus", "gpu" -> Figures.CapacityUnit.GPUS;
            case "pflops", "pflop/s" -> Figures.CapacityUnit.PFLOPS;
            default -> throw new BadInputException("--capacity: must be gpus or pflops, got '" + capacity + "'");
        };
    }
}
