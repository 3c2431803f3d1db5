package org.capsim.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import org.capsim.experiment.StudyListener;
import org.capsim.experiment.SweepPoint;
import org.capsim.model.Calendar;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a run on stderr. On a terminal, a bar redrawn in place: replications done, the
 * simulated date each running replication has reached, and an ETA that counts the running
 * replications' progress. Elsewhere (a pipe, a log, CI) a plain line when replications finish,
 * at most every few seconds.
 */
final class ProgressDisplay implements StudyListener {

    /** Fraction of a replication as the bar counts it. */
    private static final long UNIT = 1000;
    private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
    private static final int SHOWN_RUNNING = 3;
    private static final String CLEAR_TO_END = "\u001b[K";

    private final PrintWriter err;
    // the point running now: written between points, read by the ticker
    private volatile Calendar calendar;
    private volatile double endHours;
    private volatile int point = 1;
    private volatile int points = 1;
    /** What a point is called on the progress line. */
    private volatile String pointWord = "sweep point";
    private final long started = System.nanoTime();
    /** Running replications by (arm, replication), each with its clock. */
    private final Map<Long, DoubleSupplier> running = new ConcurrentSkipListMap<>();
    private final ProgressBar bar;
    private final ScheduledExecutorService ticker;
    private int total;
    private int done;
    private long lastLine;

    private ProgressDisplay(PrintWriter err, int total, double endHours, Calendar calendar, boolean terminal) {
        this.err = err;
        this.total = total;
        this.endHours = endHours;
        this.calendar = calendar;
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName("replications").setInitialMax(total * UNIT).setUnit("", UNIT)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                    .setConsumer(new DelegatingProgressBarConsumer(line -> {
                        synchronized (err) {
                            err.print('\r');
                            err.print(line);
                            err.print(CLEAR_TO_END); // a shorter line must not leave the tail of a longer one
                            err.flush();
                        }
                    }))
                    .setEtaFunction(state -> eta()).build();
            ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "capsim-progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::tick, 250, 500, TimeUnit.MILLISECONDS);
        } else {
            bar = null;
            ticker = null;
        }
    }

    /**
     * @param total    replications to run, over every policy and point
     * @param endHours the simulated hours of a replication
     */
    static ProgressDisplay start(PrintWriter err, int total, double endHours, Calendar calendar) {
        return new ProgressDisplay(err, total, endHours, calendar, onTerminal());
    }

    /** As {@link #start}, a point called {@code pointWord} (a sensitivity study's "run"). */
    static ProgressDisplay start(PrintWriter err, int total, double endHours, Calendar calendar, String pointWord) {
        ProgressDisplay display = start(err, total, endHours, calendar);
        display.pointWord = pointWord;
        return display;
    }

    /** A bar only where someone watches it redraw: a console, not CI, not a dumb terminal. */
    private static boolean onTerminal() {
        return System.console() != null && System.getenv("CI") == null && !"dumb".equals(System.getenv("TERM"));
    }

    /** A point starts (sweeps); a --set may have moved its start or horizon. */
    @Override
    public synchronized void pointStarted(SweepPoint started, int of) {
        point = started.number();
        points = of;
        calendar = started.scenario().calendar();
        endHours = started.scenario().endHours();
    }

    /** {@code --target-ci} added replications. */
    @Override
    public synchronized void replicationsAdded(SweepPoint added, int replications) {
        total += replications * added.deals().size();
        if (bar != null) {
            bar.maxHint(total * UNIT);
        }
    }

    @Override
    public void started(int arm, int replication, DoubleSupplier clock) {
        running.put(key(arm, replication), clock);
    }

    @Override
    public void finished(int arm, int replication) {
        running.remove(key(arm, replication));
        synchronized (this) {
            done++;
            if (bar == null) {
                long now = System.nanoTime();
                if (done == total || now - lastLine >= PLAIN_EVERY_NANOS) {
                    lastLine = now;
                    plainLine();
                }
            }
        }
    }

    private void plainLine() {
        double elapsed = (System.nanoTime() - started) / 1e9;
        Optional<Duration> eta = eta();
        synchronized (err) {
            err.printf(Locale.ROOT, "%d/%d replications done%s, %s elapsed%s%n", done, total,
                    points > 1 ? " (" + pointWord + " " + point + "/" + points + ")" : "", seconds(elapsed),
                    eta.map(d -> ", about " + seconds(d.toMillis() / 1000.0) + " left").orElse(""));
            err.flush();
        }
    }

    /** Redraws the bar with the running replications' progress (ticker thread). */
    private void tick() {
        StringBuilder message = new StringBuilder();
        if (points > 1) {
            message.append(pointWord.substring(pointWord.lastIndexOf(' ') + 1)).append(' ').append(point).append('/')
                    .append(points).append(' ');
        }
        List<String> dates = new ArrayList<>();
        for (DoubleSupplier clock : running.values()) {
            if (dates.size() == SHOWN_RUNNING) {
                dates.add("...");
                break;
            }
            dates.add(calendar.dateAt(Math.min(clock.getAsDouble(), endHours)).toString().substring(0, 7));
        }
        if (!dates.isEmpty()) {
            message.append("at ").append(String.join(" ", dates));
        }
        bar.stepTo(Math.round(work() * UNIT));
        bar.setExtraMessage(message.length() == 0 ? "" : " " + message);
    }

    /** Replications done plus the fractions the running ones have simulated. */
    private double work() {
        double work;
        synchronized (this) {
            work = done;
        }
        for (DoubleSupplier clock : running.values()) {
            work += Math.min(1.0, Math.max(0.0, clock.getAsDouble() / endHours));
        }
        return work;
    }

    private Optional<Duration> eta() {
        double work = work();
        int all;
        synchronized (this) {
            all = total;
        }
        if (work <= 0) {
            return Optional.empty();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        double left = elapsed / work * Math.max(0.0, all - work);
        return Optional.of(Duration.ofMillis(Math.round(left * 1000)));
    }

    /** Stops redrawing; the bar's last state stays on screen. */
    void end() {
        if (bar != null) {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            bar.stepTo(Math.round(work() * UNIT));
            bar.setExtraMessage("");
            bar.close();
            synchronized (err) {
                err.println();
                err.flush();
            }
        }
    }

    private static long key(int arm, int replication) {
        return ((long) replication << 16) | arm;
    }

    private static String seconds(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.0f s", s);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", (long) s / 60, (long) s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", (long) s / 3600, (long) s % 3600 / 60);
    }
}
