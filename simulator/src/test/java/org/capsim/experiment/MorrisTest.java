package org.capsim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.capsim.scenario.Assignment;
import org.capsim.scenario.Variation;
import org.junit.jupiter.api.Test;

/** The Morris design: trajectories that move every key once, by two of four levels, within LOW..HIGH. */
class MorrisTest {

    private static final List<Variation> KEYS = List.of(new Variation("a", "10", "40", "10,40"),
            new Variation("b", "0.1", "0.4", "0.1,0.4"), new Variation("c", "-3", "3", "-3,3"));

    @Test
    void eachStepMovesOneKeyByTwoLevelsAndEveryKeyMovesOncePerTrajectory() {
        Morris.Design design = Morris.design(KEYS, 5, 42);
        assertEquals(5 * (KEYS.size() + 1), design.points().size());
        for (int t = 0; t < 5; t++) {
            Set<Integer> moved = new HashSet<>();
            for (int s = 0; s < KEYS.size(); s++) {
                List<Assignment> before = design.points().get(t * (KEYS.size() + 1) + s);
                List<Assignment> after = design.points().get(t * (KEYS.size() + 1) + s + 1);
                int key = design.moved().get(t)[s];
                assertTrue(moved.add(key), "a key moves once per trajectory");
                for (int i = 0; i < KEYS.size(); i++) {
                    BigDecimal x = new BigDecimal(before.get(i).value());
                    BigDecimal y = new BigDecimal(after.get(i).value());
                    BigDecimal range = new BigDecimal(KEYS.get(i).high()).subtract(new BigDecimal(KEYS.get(i).low()));
                    if (i == key) {
                        // two levels of four: 2/3 of the range, in the direction the design says
                        assertEquals(0, y.subtract(x).multiply(BigDecimal.valueOf(3)).compareTo(
                                range.multiply(BigDecimal.valueOf(2L * design.directions().get(t)[s]))), before + " " + after);
                    } else {
                        assertEquals(0, x.compareTo(y), "only one key moves a step");
                    }
                    assertTrue(y.compareTo(new BigDecimal(KEYS.get(i).low())) >= 0
                            && y.compareTo(new BigDecimal(KEYS.get(i).high())) <= 0, y + " within LOW..HIGH");
                }
            }
        }
    }

    @Test
    void theDesignDependsOnlyOnTheSeedAndLevelsAreExactDecimals() {
        assertEquals(Morris.design(KEYS, 4, 7).points(), Morris.design(KEYS, 4, 7).points());
        assertFalse(Morris.design(KEYS, 4, 7).points().equals(Morris.design(KEYS, 4, 8).points()));
        assertEquals("0.2", Morris.value("0.1", "0.4", 1));
        assertEquals("40", Morris.value("10", "40", 3));
        assertEquals("-1", Morris.value("-3", "3", 1));
        assertEquals("7", Morris.whole(Morris.value("6", "10", 1)), "7.33 GPUs run as 7");
        assertEquals("9", Morris.whole(Morris.value("6", "10", 2)), "8.67 GPUs run as 9");
        assertTrue(Morris.numeric("+2.5e3") && !Morris.numeric("rofr"));
    }
}
