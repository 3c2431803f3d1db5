package org.capsim.bench;

import java.util.List;
import java.util.Locale;

/**
 * Row (g), start-up: {@code ./capsim validate scenarios/mmc-check.yaml} end to end, launcher
 * and JVM start to exit, beside a bare JVM's start and exit ({@code java -version}) as the
 * floor; the fastest of several tries each. This is the fixed part of every run, which the
 * replay's marginal cost of (b) leaves out.
 */
final class StartupRow {

    private final Launcher launcher;
    private final int tries;

    StartupRow(Launcher launcher, int tries) {
        this.launcher = launcher;
        this.tries = tries;
    }

    Row measure() throws Exception {
        Timed jvm = null;
        Timed validate = null;
        for (int t = 0; t < tries; t++) {
            jvm = Timed.faster(jvm, launcher.time("jvm start", List.of("java", "-version")));
            validate = Timed.faster(validate, launcher.time("capsim validate",
                    launcher.capsim("validate", launcher.root().resolve("scenarios/mmc-check.yaml").toString())));
        }
        return new Row("(g) start-up: validate mmc-check" + (tries > 1 ? ", best of " + tries : ""),
                String.format(Locale.ROOT, "java -version %.2f s", jvm.seconds()),
                String.format(Locale.ROOT, "capsim validate %.2f s", validate.seconds()), "no target: the fixed cost of a run");
    }
}
