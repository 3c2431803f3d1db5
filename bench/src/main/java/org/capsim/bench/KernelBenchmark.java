package org.capsim.bench;

import java.util.Locale;
import java.util.PriorityQueue;

import org.capsim.engine.Kernel;
import org.capsim.engine.ModelEvent;
import org.capsim.metrics.ReplicationResult;
import org.capsim.policy.PolicyRegistry;
import org.capsim.record.ReplicationRecorder;
import org.capsim.replication.Replication;
import org.capsim.scenario.Scenario;
import org.capsim.scenario.ScenarioLoader;

import nl.tudelft.simulation.dsol.experiment.SingleReplication;
import nl.tudelft.simulation.dsol.model.AbstractDsolModel;
import nl.tudelft.simulation.dsol.simulators.DevsSimulator;
import nl.tudelft.simulation.dsol.simulators.ErrorStrategy;

/**
 * Events per second of the event loop on an M/M/8 queue (lambda 6.4/h, mu 1/h; the mmc-check
 * model), in one JVM: a bare {@link PriorityQueue} loop, capsim's tuned DSOL kernel, and DSOL as
 * shipped; then the whole capsim model on scenarios/mmc-check.yaml. Prints a table; asserts only
 * that every loop computed the same mean wait.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.capsim.bench.KernelBenchmark} (from the
 * repository root, after {@code ./bench/run} or {@code mvn package}).
 */
public final class KernelBenchmark {

    static final int SERVERS = 8;
    static final double LAMBDA = 6.4;
    static final double MU = 1.0;
    static final double HOURS = 160_000; // about 2 million events
    static final long SEED = 20250101;

    public record Outcome(long events, double seconds, double meanWait) {
        public double rate() {
            return events / seconds;
        }
    }

    // ---- a bare loop: a PriorityQueue of small event objects ----

    private record Event(double time, long seq, boolean arrival) {
    }

    public static Outcome bareLoop() {
        long started = System.nanoTime();
        MmcModel model = new MmcModel(SERVERS, LAMBDA, MU, SEED);
        PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.time != b.time ? Double.compare(a.time, b.time)
                : Long.compare(a.seq, b.seq));
        long seq = 0;
        long events = 0;
        queue.add(new Event(model.interArrival(), seq++, true));
        while (!queue.isEmpty()) {
            Event e = queue.poll();
            if (e.time > HOURS) {
                break;
            }
            events++;
            double now = e.time;
            if (e.arrival) {
                queue.add(new Event(now + model.interArrival(), seq++, true));
                double service = model.arrive(now);
                if (!Double.isNaN(service)) {
                    queue.add(new Event(now + service, seq++, false));
                }
            } else {
                double service = model.depart(now);
                if (!Double.isNaN(service)) {
                    queue.add(new Event(now + service, seq++, false));
                }
            }
        }
        return new Outcome(events, (System.nanoTime() - started) / 1e9, model.meanWait());
    }

    // ---- capsim's kernel: DSOL DevsSimulator with the primitive event heap, loop in this thread ----

    static final class KernelModel extends AbstractDsolModel<Double, Kernel> {
        final MmcModel mmc = new MmcModel(SERVERS, LAMBDA, MU, SEED);

        KernelModel(Kernel kernel) {
            super(kernel);
        }

        final class Departure extends ModelEvent {
            @Override
            protected void fire() {
                Kernel k = getSimulator();
                double service = mmc.depart(k.now());
                if (!Double.isNaN(service)) {
                    k.at(k.now() + service, new Departure());
                }
            }
        }

        final ModelEvent arrival = new ModelEvent() {
            @Override
            protected void fire() {
                Kernel k = getSimulator();
                k.at(k.now() + mmc.interArrival(), this);
                double service = mmc.arrive(k.now());
                if (!Double.isNaN(service)) {
                    k.at(k.now() + service, new Departure());
                }
            }
        };

        @Override
        public void constructModel() {
            getSimulator().at(mmc.interArrival(), arrival);
        }
    }

    public static Outcome capsimKernel() {
        long started = System.nanoTime();
        Kernel kernel = Kernel.create();
        KernelModel model = new KernelModel(kernel);
        kernel.runReplication(model, 0.0, HOURS);
        // the loop also ran DSOL's own warm-up and end-of-replication events
        return new Outcome(kernel.eventsExecuted() - 2, (System.nanoTime() - started) / 1e9, model.mmc.meanWait());
    }

    // ---- DSOL as shipped: red-black tree event list, lambda events, run loop on its worker thread ----

    static final class DsolModel extends AbstractDsolModel<Double, DevsSimulator<Double>> {
        final MmcModel mmc = new MmcModel(SERVERS, LAMBDA, MU, SEED);
        long events;

        DsolModel(DevsSimulator<Double> simulator) {
            super(simulator);
        }

        void arrival() {
            events++;
            DevsSimulator<Double> s = getSimulator();
            double now = s.getSimulatorTime();
            s.scheduleEventRel(mmc.interArrival(), this::arrival);
            double service = mmc.arrive(now);
            if (!Double.isNaN(service)) {
                s.scheduleEventRel(service, this::departure);
            }
        }

        void departure() {
            events++;
            DevsSimulator<Double> s = getSimulator();
            double service = mmc.depart(s.getSimulatorTime());
            if (!Double.isNaN(service)) {
                s.scheduleEventRel(service, this::departure);
            }
        }

        @Override
        public void constructModel() {
            getSimulator().scheduleEventRel(mmc.interArrival(), this::arrival);
        }
    }

    private static long dsolIds;

    static Outcome dsolAsShipped() throws InterruptedException {
        long started = System.nanoTime();
        DevsSimulator<Double> simulator = new DevsSimulator<>("bench");
        simulator.setErrorStrategy(ErrorStrategy.WARN_AND_THROW);
        DsolModel model = new DsolModel(simulator);
        SingleReplication<Double> replication = new SingleReplication<>("dsol-bench-" + (++dsolIds), 0.0, 0.0, HOURS);
        try {
            simulator.initialize(model, replication);
            simulator.start();
            while (simulator.isStartingOrRunning()) {
                Thread.sleep(1);
            }
        } finally {
            simulator.cleanUp();
            replication.removeFromContext();
        }
        return new Outcome(model.events, (System.nanoTime() - started) / 1e9, model.mmc.meanWait());
    }

    // ---- the whole capsim model: pools, router, policy, metrics on mmc-check ----

    static Outcome capsimModel(Scenario scenario, PolicyRegistry.Entry policy) {
        long started = System.nanoTime();
        ReplicationResult result = Replication.run(scenario, org.capsim.replication.Deal.of(policy), 1, scenario.seed(), 0,
                ReplicationRecorder.NONE);
        return new Outcome(result.events(), (System.nanoTime() - started) / 1e9, result.metrics().get("wait_h_mean"));
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        java.nio.file.Path file = java.nio.file.Path.of("scenarios/mmc-check.yaml");
        if (!java.nio.file.Files.exists(file)) {
            file = java.nio.file.Path.of("../scenarios/mmc-check.yaml");
        }
        PolicyRegistry registry = PolicyRegistry.load(KernelBenchmark.class.getClassLoader());
        Scenario scenario = ScenarioLoader.load(file, file.toString(), new ScenarioLoader.Options(registry, null));
        PolicyRegistry.Entry policy = registry.find(scenario.routing().policy());

        Outcome bare = null;
        Outcome kernel = null;
        Outcome dsol = null;
        Outcome model = null;
        for (int round = 0; round < rounds; round++) { // interleaved, best of each after JIT warm-up
            bare = best(bare, bareLoop());
            kernel = best(kernel, capsimKernel());
            dsol = best(dsol, dsolAsShipped());
            model = best(model, capsimModel(scenario, policy));
        }
        if (Math.abs(bare.meanWait() - kernel.meanWait()) > 1e-9 || Math.abs(bare.meanWait() - dsol.meanWait()) > 1e-9) {
            throw new AssertionError("the loops disagree: " + bare + " " + kernel + " " + dsol);
        }
        System.out.printf(Locale.ROOT, "M/M/%d, lambda %.1f/h, mu %.1f/h, %,d events per run, best of %d runs (JDK %s, %d cores)%n",
                SERVERS, LAMBDA, MU, bare.events(), rounds, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-40s %14s %10s %12s%n", "event loop", "events/s", "vs bare", "mean wait h");
        row("bare PriorityQueue loop", bare, bare);
        row("capsim kernel (DSOL, tuned)", kernel, bare);
        row("DSOL as shipped (worker thread, RB tree)", dsol, bare);
        row("capsim model on mmc-check.yaml", model, bare);
        System.out.printf(Locale.ROOT, "Erlang C: %.4f h%n", 0.28602807840126016);
    }

    private static Outcome best(Outcome current, Outcome next) {
        return current == null || next.rate() > current.rate() ? next : current;
    }

    private static void row(String name, Outcome o, Outcome bare) {
        System.out.printf(Locale.ROOT, "%-40s %,14.0f %9.2fx %12.4f%n", name, o.rate(), bare.rate() / o.rate(), o.meanWait());
    }
}
