package org.capsim.experiment;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.capsim.metrics.Estimate;
import org.capsim.metrics.Stats;
import org.capsim.metrics.Summary;
import org.capsim.scenario.Assignment;
import org.capsim.scenario.Variation;

/**
 * Elementary-effects screening (Morris 1991) of many keys at a cost of r (k + 1) runs instead of
 * a full design: each key's range LOW..HIGH is cut into {@link #LEVELS} levels; a trajectory starts
 * at a random level of every key and moves one key at a time, in random order, by two levels (2/3
 * of its range). A step's elementary effect is the change of the metric's mean over the step,
 * per range moved. Over r trajectories, mu* (the mean absolute effect) ranks the keys, mu keeps the
 * sign, sigma says how much a key's effect depends on where the others are (interaction or
 * curvature). Every run uses the same replications: common random numbers, as the rest of capsim.
 *
 * @param effects per key and metric, in the order of the keys then the metrics
 */
public record Morris(int trajectories, List<Effect> effects) {

    /** Levels per key range. */
    public static final int LEVELS = 4;
    /** Levels a step moves: p / 2, so that every level has a partner. */
    private static final int JUMP = LEVELS / 2;

    /** One key against one metric over the trajectories; NaN where undefined. */
    public record Effect(String key, String low, String high, String metric, double muStar, double mu, double sigma,
            int r) {
    }

    /**
     * The runs of a design: per trajectory, k + 1 points (assignments of every key), and which key
     * each step after the first moved and in which direction (+1 up, -1 down).
     */
    public record Design(int trajectories, List<List<Assignment>> points, List<int[]> moved, List<int[]> directions) {
    }

    public Morris {
        effects = List.copyOf(effects);
    }

    /** Whether {@code value} is a number a level can be taken between. */
    public static boolean numeric(String value) {
        try {
            new BigDecimal(value.replaceFirst("^\\+", ""));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The design of {@code trajectories} trajectories over {@code keys} (numeric LOW and HIGH), drawn from {@code seed}. */
    public static Design design(List<Variation> keys, int trajectories, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x6d6f72726973L); // "morris": its own stream
        int k = keys.size();
        List<List<Assignment>> points = new ArrayList<>();
        List<int[]> moved = new ArrayList<>();
        List<int[]> directions = new ArrayList<>();
        for (int t = 0; t < trajectories; t++) {
            int[] level = new int[k];
            for (int i = 0; i < k; i++) {
                level[i] = random.nextInt(LEVELS);
            }
            int[] order = new int[k];
            for (int i = 0; i < k; i++) {
                order[i] = i;
            }
            for (int i = k - 1; i > 0; i--) { // Fisher-Yates
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            int[] direction = new int[k];
            points.add(assignments(keys, level));
            for (int s = 0; s < k; s++) {
                int i = order[s];
                direction[s] = level[i] < JUMP ? 1 : -1;
                level[i] += direction[s] * JUMP;
                points.add(assignments(keys, level));
            }
            moved.add(order);
            directions.add(direction);
        }
        return new Design(trajectories, points, moved, directions);
    }

    private static List<Assignment> assignments(List<Variation> keys, int[] level) {
        List<Assignment> out = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            Variation key = keys.get(i);
            String value = value(key.low(), key.high(), level[i]);
            out.add(new Assignment(key.path(), key.wholeNumbers() ? whole(value) : value, "--vary"));
        }
        return out;
    }

    /**
     * The step a whole-number key took from point {@code before} to the next, as a share of its
     * range: rounded levels are not evenly spaced, so the effect divides by the step taken.
     */
    private static double wholeStep(Variation key, Design design, int before) {
        double low = Double.parseDouble(key.low());
        double range = Double.parseDouble(key.high()) - low;
        return (valueOf(design.points().get(before + 1), key) - valueOf(design.points().get(before), key)) / range;
    }

    private static double valueOf(List<Assignment> point, Variation key) {
        return point.stream().filter(a -> a.path().equals(key.path())).mapToDouble(a -> Double.parseDouble(a.value()))
                .findFirst().orElseThrow();
    }

    /** {@code value} rounded half up to a whole number, for a key that takes only those. */
    static String whole(String value) {
        return new BigDecimal(value).setScale(0, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** {@code low + level / (LEVELS - 1) × (high − low)}, exactly in decimal. */
    static String value(String low, String high, int level) {
        BigDecimal a = new BigDecimal(low.replaceFirst("^\\+", ""));
        BigDecimal b = new BigDecimal(high.replaceFirst("^\\+", ""));
        BigDecimal v = a.add(b.subtract(a).multiply(BigDecimal.valueOf(level))
                .divide(BigDecimal.valueOf(LEVELS - 1), MathContext.DECIMAL64)).stripTrailingZeros();
        return v.scale() < 0 && v.precision() - v.scale() <= 15 ? v.toPlainString() : v.toString();
    }

    /**
     * @param summaries per point of the design, in its order, the summary of its replications
     */
    public static Morris of(List<Variation> keys, Design design, List<Summary> summaries, List<String> metrics) {
        int k = keys.size();
        double delta = (double) JUMP / (LEVELS - 1);
        List<Effect> effects = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (String metric : metrics) {
                double[] ee = new double[design.trajectories()];
                for (int t = 0; t < design.trajectories(); t++) {
                    int step = indexOf(design.moved().get(t), i);
                    int before = t * (k + 1) + step;
                    double change = mean(summaries.get(before + 1), metric) - mean(summaries.get(before), metric);
                    ee[t] = change / (keys.get(i).wholeNumbers() ? wholeStep(keys.get(i), design, before)
                            : design.directions().get(t)[step] * delta);
                }
                double[] absolute = java.util.Arrays.stream(ee).map(Math::abs).toArray();
                Estimate signed = Estimate.of(ee);
                double[] defined = java.util.Arrays.stream(ee).filter(v -> !Double.isNaN(v)).toArray();
                effects.add(new Effect(keys.get(i).path(), keys.get(i).low(), keys.get(i).high(), metric,
                        Estimate.of(absolute).mean(), signed.mean(), Stats.stdDev(defined), signed.n()));
            }
        }
        return new Morris(design.trajectories(), effects);
    }

    /** The effects on {@code metric}, the largest mu* first. */
    public List<Effect> ranked(String metric) {
        return effects.stream().filter(e -> e.metric().equals(metric))
                .sorted(Comparator.comparingDouble((Effect e) -> Double.isNaN(e.muStar()) ? 0 : e.muStar()).reversed())
                .toList();
    }

    public List<String> metrics() {
        return effects.stream().map(Effect::metric).distinct().toList();
    }

    private static int indexOf(int[] order, int key) {
        for (int s = 0; s < order.length; s++) {
            if (order[s] == key) {
                return s;
            }
        }
        throw new IllegalArgumentException("key " + key + " never moved");
    }

    private static double mean(Summary summary, String metric) {
        Estimate e = summary.metrics().get(metric);
        return e == null ? Double.NaN : e.mean();
    }
}
