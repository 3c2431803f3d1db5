package org.capsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --set path=v1,v2} arguments: splitting, errors, and the points of their cartesian product. */
class SweepTest {

    @TempDir
    Path dir;

    private static SweepAxis axis(String argument) {
        try {
            return SweepAxis.parse(argument);
        } catch (ScenarioException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The one message a bad argument gives. */
    private static String error(String argument) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> SweepAxis.parse(argument));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.getMessage();
    }

    private static String values(List<Assignment> point) {
        return String.join(" ", point.stream().map(Assignment::value).toList());
    }

    @Test
    void valuesSplitAtTopLevelCommasOnly() {
        assertEquals(new SweepAxis("routing.rofr.max-start-delay-days", List.of("7", "14", "30", "60")),
                axis("routing.rofr.max-start-delay-days=7,14,30,60"));
        assertEquals(List.of("{choice: {1: 0.5, 8: 0.5}}"), axis("demand[0].gpus={choice: {1: 0.5, 8: 0.5}}").values());
        assertEquals(List.of("[1,2]", "[3]"), axis("x=[1,2],[3]").values());
        assertEquals(List.of("'a, b'", "\"c, \\\"d,\\\"\"", "it's", "'it''s, ok'"),
                axis("description='a, b',\"c, \\\"d,\\\"\",it's,'it''s, ok'").values());
        assertEquals(List.of("{a: 'x,y'}", "2"), axis("x={a: 'x,y'},2").values());
        assertEquals(new SweepAxis("a", List.of("1", "2")), axis(" a = 1 , 2 "), "whitespace around values is dropped");
        assertEquals("sites[1].gpus", axis("sites[01].gpus=1").path(), "indices are written as problems print them");
    }

    @Test
    void malformedArgumentsAreOneClearProblem() {
        assertEquals("--set routing.rofr=: no value after '='", error("routing.rofr="));
        assertEquals("--set routing.rofr=  : no value after '='", error("routing.rofr=  "));
        assertEquals("--set routing.rofr: no '='; write --set key.path=value or --set key.path=value1,value2,...",
                error("routing.rofr"));
        assertEquals("--set =7: no key path before '='", error("=7"));
        assertEquals("--set a=1,,2: value 2 of 3 is empty; separate values by single commas, e.g. 7,14,30", error("a=1,,2"));
        assertEquals("--set a=1,: value 2 of 2 is empty; separate values by single commas, e.g. 7,14,30", error("a=1,"));
        assertEquals("--set x=[1,2: '[' is never closed in '[1,2'", error("x=[1,2"));
        assertEquals("--set x=1,{a: [1]: '{' is never closed in '{a: [1]'", error("x=1,{a: [1]"));
        assertEquals("--set x=\"a,b: a double quote is never closed in '\"a,b'", error("x=\"a,b"));
        for (String path : List.of("sites[x].gpus", "a..b", ".a", "a.", "sites[1.gpus", "sites[-1]", "[0]", "a b",
                "sites[1234567890]")) {
            assertEquals("--set " + path + "=1: '" + path + "' is not a key path; " + KeyPath.RULE, error(path + "=1"));
        }
    }

    @Test
    void pointsAreTheCartesianProductFirstAxisSlowest() throws ScenarioException {
        Sweep sweep = Sweep.parse(List.of("routing.rofr.max-start-delay-days=7,14,30,60",
                "sites[1].build-out[0].megawatts=100,200"));
        List<List<Assignment>> points = sweep.points();
        assertEquals(8, sweep.size());
        assertEquals(8, points.size());
        assertEquals(List.of(new Assignment("routing.rofr.max-start-delay-days", "7"),
                new Assignment("sites[1].build-out[0].megawatts", "100")), points.get(0));
        assertEquals(List.of("7 100", "7 200", "14 100", "14 200", "30 100", "30 200", "60 100", "60 200"),
                points.stream().map(SweepTest::values).toList());
    }

    @Test
    void threeAxesCountLikeNestedLoops() throws ScenarioException {
        List<List<Assignment>> points = new Sweep(List.of(new SweepAxis("a", List.of("1", "2")),
                new SweepAxis("b", List.of("x")), new SweepAxis("c", List.of("p", "q", "r")))).points();
        List<String> expected = new ArrayList<>();
        for (String a : List.of("1", "2")) {
            for (String c : List.of("p", "q", "r")) {
                expected.add(a + " x " + c);
            }
        }
        assertEquals(expected, points.stream().map(SweepTest::values).toList());
    }

    @Test
    void noAxesIsOnePointWithNoAssignments() throws ScenarioException {
        assertEquals(List.of(List.of()), new Sweep(List.of()).points());
        assertEquals(1, Sweep.parse(List.of()).size());
    }

    @Test
    void aPathGivenTwiceIsAProblem() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> Sweep.parse(List.of("sites[1].gpus=1,2", "seed=1", "sites[01].gpus=3")));
        assertEquals("--set sites[1].gpus=3: sites[1].gpus: given twice (also --set sites[1].gpus=1,2); "
                + "put all its values in one --set", e.getMessage());
    }

    @Test
    void everyBadArgumentIsReportedTogether() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> Sweep.parse(List.of("a=", "b=1", "c")));
        assertEquals(List.of("--set a=: no value after '='",
                "--set c: no '='; write --set key.path=value or --set key.path=value1,value2,..."),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void moreThanTenThousandPointsIsAProblem() throws ScenarioException {
        SweepAxis hundred = new SweepAxis("a", Collections.nCopies(100, "1"));
        assertEquals(Sweep.MAX_POINTS, new Sweep(List.of(hundred, new SweepAxis("b", hundred.values()))).size());
        SweepAxis hundredOne = new SweepAxis("b", IntStream.range(0, 101).mapToObj(String::valueOf).toList());
        ScenarioException e = assertThrows(ScenarioException.class, () -> new Sweep(List.of(hundred, hundredOne)));
        assertEquals("--set: the sweep has 100 × 101 = 10100 points; at most 10000 are allowed", e.getMessage());
        // the product of many axes must not overflow into a small number
        List<SweepAxis> many = IntStream.range(0, 70).mapToObj(i -> new SweepAxis("k" + i, List.of("1", "2"))).toList();
        assertThrows(ScenarioException.class, () -> new Sweep(many));
    }

    @Test
    void eachPointLoadsTheScenarioWithItsValues() throws ScenarioException {
        Sweep sweep = Sweep.parse(List.of("routing.rofr.max-start-delay-days=7,14", "sites[1].build-out[0].gpus=32,64"));
        List<String> seen = new ArrayList<>();
        for (List<Assignment> point : sweep.points()) {
            Scenario s = AssignmentTest.load(dir, AssignmentTest.BASE, point);
            seen.add(s.routing().block("rofr").values().get("max-start-delay-days").value() + " "
                    + s.sites().get(1).buildOut().get(0).gpus());
        }
        assertEquals(List.of("7 32", "7 64", "14 32", "14 64"), seen);
    }
}
