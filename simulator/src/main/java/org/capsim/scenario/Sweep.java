package org.capsim.scenario;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The points of a parameter sweep: the cartesian product of the {@code --set} options, the
 * first option varying slowest (as nested loops in the order given). With no options there is
 * one point, the scenario as written.
 */
public final class Sweep {

    /** More points than this is a typo or a misunderstanding, not a study anyone will read. */
    public static final int MAX_POINTS = 10_000;

    private final List<SweepAxis> axes;
    private final int size;

    /**
     * @throws ScenarioException when a path is given twice or the product has more than {@link #MAX_POINTS} points
     */
    public Sweep(List<SweepAxis> axes) throws ScenarioException {
        this.axes = List.copyOf(axes);
        Problems problems = new Problems();
        Map<String, SweepAxis> byPath = new HashMap<>();
        for (SweepAxis axis : this.axes) {
            SweepAxis first = byPath.putIfAbsent(axis.path(), axis);
            if (first != null) {
                problems.add(new Location(axis.label(), 0, 0), axis.path(), "given twice (also "
                        + first.label() + "); put all its values in one --set");
            }
        }
        long points = 1;
        for (SweepAxis axis : this.axes) {
            points = Math.min(points * axis.values().size(), MAX_POINTS + 1L); // capped: no overflow
        }
        if (points > MAX_POINTS) {
            problems.add(new Location("--set", 0, 0), "", "the sweep has " + count() + " points; at most "
                    + MAX_POINTS + " are allowed");
        }
        problems.throwIfAny();
        this.size = (int) points;
    }

    /** Reads every {@code --set} argument, reporting the problems of all of them together. */
    public static Sweep parse(List<String> arguments) throws ScenarioException {
        List<SweepAxis> axes = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (String argument : arguments) {
            try {
                axes.add(SweepAxis.parse(argument));
            } catch (ScenarioException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return new Sweep(axes);
    }

    public List<SweepAxis> axes() {
        return axes;
    }

    /** The number of points. */
    public int size() {
        return size;
    }

    /** Every combination of one value per axis; the last axis varies fastest. */
    public List<List<Assignment>> points() {
        List<List<Assignment>> points = new ArrayList<>(size);
        int[] digits = new int[axes.size()];
        for (int p = 0; p < size; p++) {
            List<Assignment> point = new ArrayList<>(axes.size());
            for (int a = 0; a < axes.size(); a++) {
                point.add(new Assignment(axes.get(a).path(), axes.get(a).values().get(digits[a])));
            }
            points.add(List.copyOf(point));
            // count like an odometer: the last axis turns first
            for (int a = axes.size() - 1; a >= 0 && ++digits[a] == axes.get(a).values().size(); a--) {
                digits[a] = 0;
            }
        }
        return List.copyOf(points);
    }

    /** "4 × 3000 = 12000": the product shows which option to shrink. */
    private String count() {
        BigInteger product = BigInteger.ONE;
        for (SweepAxis axis : axes) {
            product = product.multiply(BigInteger.valueOf(axis.values().size()));
        }
        return String.join(" × ", axes.stream().map(axis -> String.valueOf(axis.values().size())).toList()) + " = " + product;
    }
}
