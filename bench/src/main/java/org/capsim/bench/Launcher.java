package org.capsim.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the programs the table times, each as a fresh process from the repository root, and
 * times it from outside, start to exit: capsim through the ./capsim launcher (as a planner runs
 * it, with its JVM defaults) and the yardsticks. Each process's output goes to a file in the
 * work folder, named after what it runs.
 */
final class Launcher {

    private static final Pattern HEAP = Pattern.compile("(\\d+)M->(\\d+)M");

    private final Path root;
    private final Path work;

    Launcher(Path root, Path work) {
        this.root = root;
        this.work = work;
    }

    Path root() {
        return root;
    }

    Path work() {
        return work;
    }

    /** The ./capsim command line with these arguments. */
    List<String> capsim(String... args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("capsim").toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Times a command that keeps no GC log, with the launcher's own JVM options. */
    Timed time(String what, List<String> command) throws Exception {
        return time(what, command, null, null);
    }

    /**
     * Runs a command as its own process and times it; {@code javaOptions} (or null) go to the
     * launcher's JVM, and the peak heap is read from {@code gcLog} (or null, none kept).
     */
    Timed time(String what, List<String> command, Path gcLog, String javaOptions) throws Exception {
        System.out.println("running " + what + " ...");
        Path output = work.resolve(what.replace(' ', '-') + ".out");
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        if (javaOptions != null) {
            builder.environment().put("CAPSIM_JAVA_OPTS", javaOptions);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(what + " failed; see " + output);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long peak = 0;
        if (gcLog != null) {
            for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
                Matcher m = HEAP.matcher(line);
                while (m.find()) {
                    peak = Math.max(peak, Long.parseLong(m.group(1)));
                }
            }
        }
        return new Timed(seconds, peak);
    }
}
