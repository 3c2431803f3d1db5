package org.capsim.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Row (i), issue 20: stargate-2025 with its power keys (energized MW, prices, intensities, draw
 * fractions) against a copy without them, one replication on one thread ({@code --no-charts}),
 * in rounds that alternate the two, each keeping its fastest. Power must cost little: the
 * feeds are recomputed only when a power step comes or a pool's GPUs change.
 */
final class PowerRow {

    /** With power over without, the table's target. */
    static final double TARGET = 1.10;
    /** Site keys of SPEC 6.2 dropped from the copy, with every line indented under them. */
    private static final Set<String> SITE_KEYS = Set.of("power", "electricity-usd-per-mwh", "grid-gco2-per-kwh");
    private static final Pattern SITE_KEY = Pattern.compile("^( *)([a-z0-9-]+):.*$");
    /** A GPU type's draw fractions, written inside its flow mapping. */
    private static final Pattern FRACTION = Pattern.compile("(busy|idle)-fraction: [0-9.eE+-]+,?\\s*");

    private final Launcher launcher;
    private final int rounds;

    PowerRow(Launcher launcher, int rounds) {
        this.launcher = launcher;
        this.rounds = rounds;
    }

    List<Row> measure(boolean quick) throws Exception {
        Path on = StargateScenario.write(launcher.root(), launcher.work(), "stargate-power-on.yaml", "", quick);
        String withoutPower = withoutPower(Files.readString(on, StandardCharsets.UTF_8));
        Path off = Files.writeString(launcher.work().resolve("stargate-power-off.yaml"), withoutPower, StandardCharsets.UTF_8);
        Timed bestOn = null;
        Timed bestOff = null;
        for (int round = 0; round < rounds; round++) {
            bestOff = Timed.faster(bestOff, run(off, "power-off"));
            bestOn = Timed.faster(bestOn, run(on, "power-on"));
        }
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("(i) stargate-2025, power on / off",
                String.format(Locale.ROOT, "off %.2f s", bestOff.seconds()),
                String.format(Locale.ROOT, "on %.2f s", bestOn.seconds()),
                Row.ratio(bestOn.seconds() / bestOff.seconds(), TARGET)));
        rows.add(new Row("    1 replication, 1 thread" + (rounds > 1 ? ", best of " + rounds : ""), "", "", ""));
        return rows;
    }

    /**
     * The scenario without the keys of SPEC 6.2: each site key above dropped with the lines
     * indented under it, the draw fractions cut out of the GPU types. Checked, so that a
     * change of the shipped file's layout fails here rather than timing power against power.
     */
    static String withoutPower(String yaml) {
        StringBuilder out = new StringBuilder();
        int droppedIndent = -1;
        for (String line : yaml.split("\n", -1)) {
            int indent = line.length() - line.stripLeading().length();
            if (droppedIndent >= 0 && (line.isBlank() || indent > droppedIndent)) {
                continue;
            }
            droppedIndent = -1;
            Matcher key = SITE_KEY.matcher(line);
            if (key.matches() && SITE_KEYS.contains(key.group(2))) {
                droppedIndent = key.group(1).length();
                continue;
            }
            out.append(FRACTION.matcher(line).replaceAll("")).append('\n');
        }
        String result = out.substring(0, out.length() - 1);
        String keys = result.replaceAll("#.*", ""); // comments may name the keys
        for (String left : List.of("power:", "usd-per-mwh", "gco2", "busy-fraction", "idle-fraction")) {
            if (keys.contains(left)) {
                throw new IllegalStateException(StargateScenario.FILE + ": '" + left + "' left in the copy without power");
            }
        }
        return result;
    }

    private Timed run(Path scenario, String what) throws Exception {
        return launcher.time(what, launcher.capsim("run", scenario.toString(), "--replications", "1", "--threads", "1",
                "--no-charts", "--quiet", "--out", launcher.work().resolve(what).toString()));
    }
}
