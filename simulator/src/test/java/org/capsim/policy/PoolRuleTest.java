package org.capsim.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.capsim.model.RofrOutcome;
import org.junit.jupiter.api.Test;

/** Each piece of {@link PoolRule} picks as its contract says, on a fleet whose starts and prices are given. */
class PoolRuleTest {

    /**
     * A pool with a fixed earliest start; {@code room} is the most GPUs it will ever have,
     * {@code bound} what it says without a replay (at most {@code start}), {@code gco2} its
     * site's grid intensity (NaN: none given).
     */
    private record Pool(int index, String provider, double pricePerGpuHour, double start, long room, double bound,
            boolean backfills, double gco2) implements PoolView {
        Pool(int index, String provider, double pricePerGpuHour, double start, long room) {
            this(index, provider, pricePerGpuHour, start, room, 0, false);
        }

        Pool(int index, String provider, double pricePerGpuHour, double start, long room, double bound, boolean backfills) {
            this(index, provider, pricePerGpuHour, start, room, bound, backfills, Double.NaN);
        }

        /** A pool of 64 GPUs at a site of intensity {@code gco2}. */
        static Pool grid(int index, double pricePerGpuHour, double start, double gco2) {
            return new Pool(index, "p" + index, pricePerGpuHour, start, 64, 0, false, gco2);
        }

        @Override
        public double gridGco2PerKwh() {
            return gco2;
        }

        public String site() {
            return provider + index;
        }

        public String gpuType() {
            return "H100";
        }

        public double peakTflops() {
            return 989;
        }

        public int installed() {
            return (int) room;
        }

        public int busy() {
            return 0;
        }

        public int free() {
            return 0;
        }

        public int reserved() {
            return 0;
        }

        public int queuedJobs() {
            return 0;
        }

        public long queuedGpus() {
            return 0;
        }

        public long maxFutureInstalled() {
            return room;
        }

        public List<UpcomingTranche> upcomingTranches() {
            return List.of();
        }
    }

    private record Fleet(double now, List<PoolView> pools) implements FleetView {
        public double horizon() {
            return 1000;
        }

        public LocalDate startDate() {
            return LocalDate.of(2025, 1, 1);
        }

        public List<PoolView> pools(String providerId) {
            return pools.stream().filter(p -> p.provider().equals(providerId)).toList();
        }

        public List<String> providers() {
            return pools.stream().map(PoolView::provider).distinct().toList();
        }

        public String providerName(String providerId) {
            return providerId;
        }

        public double earliestStart(JobRequest job, PoolView pool) {
            EXACT_QUESTIONS.incrementAndGet();
            return ((Pool) pool).start();
        }

        @Override
        public double earliestStartUpTo(JobRequest job, PoolView pool, double limit) {
            double bound = ((Pool) pool).bound();
            return bound > limit ? bound : earliestStart(job, pool);
        }

        @Override
        public double earliestStartAtLeast(JobRequest job, PoolView pool) {
            return ((Pool) pool).bound();
        }
    }

    /** How many exact answers the fleet gave: what a replay would cost a real pool. */
    private static final AtomicInteger EXACT_QUESTIONS = new AtomicInteger();

    /** 8 GPUs for 10 hours. */
    private record Job() implements JobRequest {
        public String id() {
            return "job-1";
        }

        public String className() {
            return "work";
        }

        public int priority() {
            return 0;
        }

        public double arrival() {
            return 0;
        }

        public int gpusAt(PoolView pool) {
            return 8;
        }

        public double hoursAt(PoolView pool) {
            return 10;
        }

        public RofrOutcome rofr() {
            return RofrOutcome.NONE;
        }

        public int round() {
            return 1;
        }
    }

    private static final JobRequest JOB = new Job();
    private static final Pool TOO_SMALL = new Pool(0, "azure", 1, 0, 4);
    private static final Pool AZURE = new Pool(1, "azure", 4, 50, 64);
    private static final Pool ORACLE = new Pool(2, "oracle", 5, 20, 64);
    private static final Pool STARGATE = new Pool(3, "stargate", 2, 20, 64);
    private static final Pool STARGATE_2 = new Pool(4, "stargate", 2, 20, 64);
    private static final FleetView FLEET = new Fleet(10, List.of(TOO_SMALL, AZURE, ORACLE, STARGATE, STARGATE_2));

    @Test
    void earliestStartBreaksTiesByCostThenOrder() {
        assertEquals(STARGATE, PoolRule.earliestStart().pick(JOB, FLEET), "never the pool too small, though it starts at 0");
        assertEquals(ORACLE, PoolRule.earliestStart().except("stargate").pick(JOB, FLEET));
        assertEquals(AZURE, PoolRule.earliestStart().of("azure").pick(JOB, FLEET));
        assertNull(PoolRule.earliestStart().of("nobody").pick(JOB, FLEET));
    }

    @Test
    void earliestStartAsksThePoolWithTheSoonestBoundFirst() {
        Pool late = new Pool(0, "azure", 1, 100, 64, 90, false);
        Pool soon = new Pool(1, "oracle", 1, 20, 64, 20, false);
        Pool near = new Pool(2, "stargate", 1, 30, 64, 25, false);
        EXACT_QUESTIONS.set(0);
        assertEquals(soon, PoolChoice.earliestStart(JOB, new Fleet(10, List.of(late, soon, near)), p -> true));
        assertEquals(1, EXACT_QUESTIONS.get(), "the others' bounds already lose");
    }

    @Test
    void askingInBoundOrderPicksWhatAFullScanPicks() {
        Random random = new Random(18);
        for (int n = 0; n < 500; n++) {
            List<PoolView> pools = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(6); i++) {
                double start = 10 + 10 * random.nextInt(4); // few values: ties on start and on price
                double bound = random.nextBoolean() ? start : 10 + random.nextDouble() * (start - 10);
                pools.add(new Pool(i, "p" + i, 1 + random.nextInt(2), start, random.nextInt(5) == 0 ? 4 : 64, bound, false));
            }
            Fleet fleet = new Fleet(10, pools);
            PoolView scanned = pools.stream().filter(p -> fleet.canEverRun(JOB, p))
                    .min(Comparator.comparingDouble((PoolView p) -> ((Pool) p).start()).thenComparingDouble(JOB::costAt)
                            .thenComparingInt(PoolView::index))
                    .orElse(null);
            assertEquals(scanned, PoolChoice.earliestStart(JOB, fleet, p -> true), "fleet " + pools);
        }
    }

    @Test
    void aLoneBackfillingPoolNeedsNoEstimate() {
        Pool never = new Pool(1, "azure", 1, Double.POSITIVE_INFINITY, 64, 10, true);
        EXACT_QUESTIONS.set(0);
        assertEquals(never, PoolChoice.earliestStart(JOB, new Fleet(10, List.of(TOO_SMALL, never)), p -> true),
                "under EASY a job that can ever run there starts");
        assertEquals(0, EXACT_QUESTIONS.get());
        Pool fifo = new Pool(1, "azure", 1, Double.POSITIVE_INFINITY, 64, 10, false);
        assertNull(PoolChoice.earliestStart(JOB, new Fleet(10, List.of(TOO_SMALL, fifo)), p -> true),
                "under FIFO the estimate still decides");
    }

    @Test
    void cheapestKeepsToTheBoundElseTakesTheEarliest() {
        assertEquals(STARGATE, PoolRule.cheapest(10).pick(JOB, FLEET), "starts at 20 = now + 10");
        assertEquals(AZURE, PoolRule.cheapest(40).except("stargate").pick(JOB, FLEET), "oracle starts sooner, costs more");
        assertEquals(ORACLE, PoolRule.cheapest(5).except("stargate").pick(JOB, FLEET), "none in time: the earliest");
    }

    private static final PoolRule.Score GRID = LowestCarbonPolicy.GRID_INTENSITY;

    @Test
    void lowestCarbonTakesTheCleanestPoolThatStartsInTime() {
        Pool dirty = Pool.grid(0, 2, 15, 500);
        Pool clean = Pool.grid(1, 4, 30, 100);
        Pool cleanestLate = Pool.grid(2, 1, 200, 20);
        FleetView fleet = new Fleet(10, List.of(TOO_SMALL, dirty, clean, cleanestLate));
        assertEquals(clean, PoolRule.lowestWithin(24, GRID).pick(JOB, fleet), "the cleanest starts at 200, after now + 24");
        assertEquals(dirty, PoolRule.lowestWithin(10, GRID).pick(JOB, fleet), "only the dirty pool starts by 20");
        assertEquals(dirty, PoolRule.lowestWithin(1, GRID).pick(JOB, fleet), "none starts by 11: the earliest start");
        assertEquals(new Decision.Place(cleanestLate, RofrOutcome.NONE), new LowestCarbonPolicy().route(JOB, fleet),
                "200 is within the default 30 days");
        Decision.Reject reject = assertInstanceOf(Decision.Reject.class,
                new LowestCarbonPolicy().route(JOB, new Fleet(10, List.of(TOO_SMALL))));
        assertEquals("no pool can ever fit it", reject.reason());
    }

    @Test
    void aPoolWithNoIntensityRanksLast() {
        Pool unknown = Pool.grid(0, 1, 11, Double.NaN);
        Pool known = Pool.grid(1, 9, 30, 900);
        assertEquals(known, PoolRule.lowestWithin(24, GRID).pick(JOB, new Fleet(10, List.of(unknown, known))),
                "unknown is not low, though it is soonest, cheapest and listed first");
        Pool unknownLater = Pool.grid(0, 1, 30, Double.NaN);
        Pool unknownSooner = Pool.grid(1, 1, 20, Double.NaN);
        assertEquals(unknownSooner, PoolRule.lowestWithin(24, GRID).pick(JOB, new Fleet(10, List.of(unknownLater, unknownSooner))),
                "none known: the earlier start");
    }

    @Test
    void lowestCarbonTiesGoToTheEarlierStartThenTheLowerCostThenTheFirstListed() {
        PoolRule rule = PoolRule.lowestWithin(24, GRID);
        Pool later = Pool.grid(0, 3, 30, 300);
        Pool sooner = Pool.grid(1, 3, 20, 300);
        assertEquals(sooner, rule.pick(JOB, new Fleet(10, List.of(later, sooner))));
        Pool dearer = Pool.grid(0, 5, 20, 300);
        assertEquals(sooner, rule.pick(JOB, new Fleet(10, List.of(dearer, sooner))));
        Pool twin = Pool.grid(2, 3, 20, 300);
        assertEquals(sooner, rule.pick(JOB, new Fleet(10, List.of(sooner, twin))));
        assertEquals(twin, rule.pick(JOB, new Fleet(10, List.of(twin, sooner))));
    }

    @Test
    void lowestWithinPicksWhatAFullScanPicks() {
        Random random = new Random(20);
        double[] intensities = {Double.NaN, 100, 300};
        Comparator<PoolView> earliest = Comparator.comparingDouble((PoolView p) -> ((Pool) p).start())
                .thenComparingDouble(JOB::costAt).thenComparingInt(PoolView::index);
        Comparator<PoolView> cleanest = Comparator.comparingDouble(
                (PoolView p) -> Double.isNaN(p.gridGco2PerKwh()) ? Double.POSITIVE_INFINITY : p.gridGco2PerKwh())
                .thenComparing(earliest);
        for (int n = 0; n < 500; n++) {
            List<PoolView> pools = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(6); i++) {
                double start = 10 + 10 * random.nextInt(4); // few values: ties on start, price and intensity
                pools.add(new Pool(i, "p" + i, 1 + random.nextInt(2), start, random.nextInt(5) == 0 ? 4 : 64, 10, false,
                        intensities[random.nextInt(intensities.length)]));
            }
            Fleet fleet = new Fleet(10, pools);
            double window = 10 * random.nextInt(3);
            List<PoolView> fit = pools.stream().filter(p -> fleet.canEverRun(JOB, p)).toList();
            PoolView scanned = fit.stream().filter(p -> ((Pool) p).start() <= 10 + window).min(cleanest)
                    .orElse(fit.stream().min(earliest).orElse(null));
            assertEquals(scanned, PoolRule.lowestWithin(window, GRID).pick(JOB, fleet), "window " + window + ", fleet " + pools);
        }
    }

    @Test
    void lowestScoreWinsAndTiesGoToTheFirstListed() {
        assertEquals(ORACLE, PoolRule.lowest((job, fleet, pool) -> -pool.pricePerGpuHour()).pick(JOB, FLEET));
        assertEquals(STARGATE, PoolRule.lowest((job, fleet, pool) -> job.costAt(pool)).pick(JOB, FLEET),
                "never the pool too small, though it costs least");
        assertEquals(ORACLE, PoolRule.lowest((job, fleet, pool) -> 0).among(p -> p.index() > 1).pick(JOB, FLEET));
    }

    @Test
    void whenAndOrElseComposeOverTheSamePools() {
        PoolRule azure = PoolRule.earliestStart().of("azure");
        assertNull(azure.when(PoolRule.startsWithin(39)).pick(JOB, FLEET), "azure starts 40 hours from now");
        assertEquals(AZURE, azure.when(PoolRule.startsWithin(40)).pick(JOB, FLEET));
        PoolRule best = PoolRule.earliestStart();
        assertNull(azure.when(PoolRule.startsWithin(29, best)).pick(JOB, FLEET), "azure starts 30 hours after the best");
        assertEquals(AZURE, azure.when(PoolRule.startsWithin(30, best)).pick(JOB, FLEET));
        PoolRule fallBack = azure.when(PoolRule.startsWithin(1)).orElse(PoolRule.earliestStart());
        assertEquals(STARGATE, fallBack.pick(JOB, FLEET));
        assertEquals(ORACLE, fallBack.except("stargate").pick(JOB, FLEET), "the filter reaches the fallback too");
    }

    @Test
    void placeOrRejectRejectsWhenNoPoolIsPicked() {
        assertEquals(new Decision.Place(ORACLE, RofrOutcome.NONE), Decision.placeOrReject(ORACLE, "none"));
        Decision.Reject reject = assertInstanceOf(Decision.Reject.class, Decision.placeOrReject(null, "nothing fits"));
        assertEquals("nothing fits", reject.reason());
    }
}
