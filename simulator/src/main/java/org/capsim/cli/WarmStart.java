package org.capsim.cli;

import java.util.List;

import org.capsim.engine.Kernel;
import org.capsim.policy.PolicyRegistry;
import org.capsim.report.IndexPage;
import org.capsim.report.chart.WarmUp;
import org.capsim.scenario.ScenarioLoader;

/**
 * Loads and runs, once and to nowhere, the code a command will need, on a background thread
 * started before the command line is parsed: the scenario reader, the summary writer, DSOL's
 * first simulator and replication, and the charts. A JVM runs each for the first time
 * interpreted, with its classes loaded and initialized as it goes; done on the main thread that
 * is about a second in all, most of it spent while another core sits idle (parsing the command
 * line and reading a trace use one). The work itself is thrown away, and its failure changes
 * nothing: the real steps report their own.
 *
 * <p>Only {@code run}, {@code compare} and {@code report} are warmed, judged from the arguments
 * before they are parsed (a guess that can only cost or save time, never change a result).
 */
final class WarmStart {

    private WarmStart() {
    }

    /** Starts the warm-up for the command {@code args} names, if it is worth one. */
    static void start(String[] args) {
        if (args.length == 0) {
            return;
        }
        List<String> words = List.of(args);
        if (words.contains("--help") || words.contains("-h") || words.contains("--version") || words.contains("-V")) {
            return;
        }
        boolean simulates = args[0].equals("run") || args[0].equals("compare");
        boolean charts = (simulates || args[0].equals("report")) && !words.contains("--no-charts");
        if (!simulates && !charts) {
            return;
        }
        Thread thread = new Thread(() -> warm(simulates, charts), "capsim-warm-start");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void warm(boolean simulates, boolean charts) {
        try {
            if (simulates) {
                ScenarioLoader.warmUp(PolicyRegistry.load(WarmStart.class.getClassLoader()));
                Kernel.warmUp();
            }
            IndexPage.warmUp(); // every command warmed writes an index.html
            if (charts) {
                WarmUp.draw();
            }
        } catch (RuntimeException | LinkageError e) {
            // ignored on purpose: see the class comment
        }
    }
}
