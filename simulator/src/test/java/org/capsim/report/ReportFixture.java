package org.capsim.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small report folder written by hand, whose every chart figure can be worked out on paper:
 * 2025-01-01 to 2025-01-10 (240 h, so hourly bins), two replications, two sites of two
 * providers, a few jobs. With {@code compare}, a second policy "q" whose rows are those of "p"
 * with provider y's site always full.
 *
 * <p>{@link #writeLimited} writes the folder of a limited-demand scenario instead: jobs.csv ends
 * with {@code demand_gpu_hours} and has abandoned, unfunded and rejected jobs, and summary.json
 * has the demand metrics fleet-wide, per class and (served GPU-hours) per provider.
 *
 * <p>{@link #writePowered} writes the folder of a scenario that reports power: sites.csv ends
 * with {@code powered_gpus} and {@code power_mw}, and summary.json has the GPU type's draw and
 * the power metrics (see there for the figures).
 */
public final class ReportFixture {

    public static final List<String> POLICIES = List.of("p", "q");
    private static final String JOBS_HEADER = "policy,replication,job_id,class,arrival_h,site,provider,pool_type,rofr,"
            + "start_h,end_h,wait_h,gpus,gpu_hours,cost_usd,interruptions,status,held_h,promised_start_h,flops,"
            + "model_params,tokens";

    private ReportFixture() {
    }

    /** Writes the folder; {@code compare} adds policy q and a comparison. */
    public static Path write(Path dir, boolean compare) {
        return write(dir, compare, false);
    }

    /**
     * Writes a limited-demand scenario's folder. Per replication of p: c1 asks 64 + 40 GPU-hours
     * (abandoned), then 160 + 40 (still waiting); c2 asks 3200, 160 (unfunded), then 320
     * (rejected). Under q, replication 2's waiting c1 job is abandoned too.
     */
    public static Path writeLimited(Path dir, boolean compare) {
        return write(dir, compare, true);
    }

    /**
     * Writes a folder of a scenario that reports power. H100 draws 1.5 kW at full load, a busy
     * GPU 0.8 of it (1.2 kW), an idle powered one 0.2 (0.3 kW). Site a (provider x) has a power
     * curve: 9 MW (6,000 GPUs) until 120 h, then 15 MW (all its 10,000); site b (y) has none.
     * Replication 1: a has 5,000 busy GPUs, 8,000 from 120 h (draw 6.3 MW, then 10.2); b is built
     * at 120 h with 20,000 GPUs, 2,000 reserved and 10,000 busy (16.8 MW). Replication 2: a has
     * 6,000 busy throughout (7.2 MW, then 8.4); b from 120 h 2,000 reserved and 18,000 busy (24
     * MW). Site b has no grid intensity, so no CO2. Under q (with {@code compare}) the rows are p's.
     */
    public static Path writePowered(Path dir, boolean compare) {
        return write(dir, compare, false, true);
    }

    private static Path write(Path dir, boolean compare, boolean limited) {
        return write(dir, compare, limited, false);
    }

    private static Path write(Path dir, boolean compare, boolean limited, boolean powered) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("summary.json"), summary(compare, limited, powered), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("sites.csv"), powered ? poweredSites(compare) : sites(compare),
                    StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("jobs.csv"), limited ? limitedJobs(compare) : jobs(compare),
                    StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("scenario.yaml"), "name: fixture\n# <b>not bold</b>\n", StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sites(boolean compare) {
        StringBuilder out = new StringBuilder("policy,replication,time_h,date,site,provider,pool_type,installed_gpus,"
                + "reserved_gpus,busy_gpus,queued_jobs,queued_gpus\n");
        for (String policy : compare ? POLICIES : List.of("p")) {
            String bBusyRep1 = policy.equals("q") ? "200" : "0";
            // replication 1: site a half busy then full; site b built at 120 h; 3 jobs queued at x for 60 h
            out.append(policy).append(",1,0,2025-01-01,a,x,H100,100,0,50,3,24\n");
            out.append(policy).append(",1,0,2025-01-01,b,y,H100,0,0,0,0,0\n");
            out.append(policy).append(",1,60,2025-01-03,a,x,H100,100,0,50,0,0\n");
            out.append(policy).append(",1,120,2025-01-06,a,x,H100,100,0,100,0,0\n");
            out.append(policy).append(",1,120,2025-01-06,b,y,H100,200,0,").append(bBusyRep1).append(",0,0\n");
            out.append(policy).append(",1,240,2025-01-11,a,x,H100,100,0,100,0,0\n");
            out.append(policy).append(",1,240,2025-01-11,b,y,H100,200,0,").append(bBusyRep1).append(",0,0\n");
            // replication 2: site a idle; site b full from 120 h
            out.append(policy).append(",2,0,2025-01-01,a,x,H100,100,0,0,0,0\n");
            out.append(policy).append(",2,0,2025-01-01,b,y,H100,0,0,0,0,0\n");
            out.append(policy).append(",2,120,2025-01-06,b,y,H100,200,0,200,0,0\n");
            out.append(policy).append(",2,240,2025-01-11,a,x,H100,100,0,0,0,0\n");
            out.append(policy).append(",2,240,2025-01-11,b,y,H100,200,0,200,0,0\n");
        }
        return out.toString();
    }

    private static String poweredSites(boolean compare) {
        StringBuilder out = new StringBuilder("policy,replication,time_h,date,site,provider,pool_type,installed_gpus,"
                + "reserved_gpus,busy_gpus,queued_jobs,queued_gpus,powered_gpus,power_mw\n");
        for (String policy : compare ? POLICIES : List.of("p")) {
            for (String rows : List.of("""
                    ,1,0,2025-01-01,a,x,H100,10000,0,5000,0,0,6000,9
                    ,1,0,2025-01-01,b,y,H100,0,0,0,0,0,0,
                    ,1,120,2025-01-06,a,x,H100,10000,0,8000,0,0,10000,15
                    ,1,120,2025-01-06,b,y,H100,20000,2000,10000,0,0,20000,
                    ,1,240,2025-01-11,a,x,H100,10000,0,8000,0,0,10000,15
                    ,1,240,2025-01-11,b,y,H100,20000,2000,10000,0,0,20000,
                    """, """
                    ,2,0,2025-01-01,a,x,H100,10000,0,6000,0,0,6000,9
                    ,2,0,2025-01-01,b,y,H100,0,0,0,0,0,0,
                    ,2,120,2025-01-06,a,x,H100,10000,0,6000,0,0,10000,15
                    ,2,120,2025-01-06,b,y,H100,20000,2000,18000,0,0,20000,
                    ,2,240,2025-01-11,a,x,H100,10000,0,6000,0,0,10000,15
                    ,2,240,2025-01-11,b,y,H100,20000,2000,18000,0,0,20000,
                    """)) {
                rows.lines().forEach(row -> out.append(policy).append(row).append('\n'));
            }
        }
        return out.toString();
    }

    private static String jobs(boolean compare) {
        StringBuilder out = new StringBuilder(JOBS_HEADER + "\n");
        for (String policy : compare ? POLICIES : List.of("p")) {
            out.append(policy).append(",1,c1-1,c1,10,a,x,H100,accepted,12,20,2,8,64,256,0,completed,8,12,,,\n");
            out.append(policy).append(",1,c2-1,c2,30,b,y,H100,refused,40,,10,16,3200,6400,0,running,200,,,,\n");
            out.append(policy).append(",1,c1-2,c1,50,a,x,H100,,,,,4,0,0,0,waiting,,,,,\n");
            out.append(policy).append(",2,c1-1,c1,10,a,x,H100,accepted,10,30,0,8,160,640,0,completed,20,10,,,\n");
        }
        return out.toString();
    }

    private static String limitedJobs(boolean compare) {
        StringBuilder out = new StringBuilder(JOBS_HEADER + ",demand_gpu_hours\n");
        for (String policy : compare ? POLICIES : List.of("p")) {
            out.append(policy).append(",1,c1-1,c1,10,a,x,H100,accepted,12,20,2,8,64,256,0,completed,8,12,,,,64\n");
            out.append(policy).append(",1,c2-1,c2,30,b,y,H100,refused,40,,10,16,3200,6400,0,running,200,,,,,3200\n");
            out.append(policy).append(",1,c1-2,c1,50,a,x,H100,,,70,20,4,0,0,0,abandoned,,,,,,40\n");
            out.append(policy).append(",1,c2-2,c2,60,,,,,,,,16,0,0,0,unfunded,,,,,,160\n");
            out.append(policy).append(",2,c1-1,c1,10,a,x,H100,accepted,10,30,0,8,160,640,0,completed,20,10,,,,160\n");
            out.append(policy).append(policy.equals("q") ? ",2,c1-2,c1,50,a,x,H100,,,80,30,4,0,0,0,abandoned,,,,,,40\n"
                    : ",2,c1-2,c1,50,a,x,H100,,,,,4,0,0,0,waiting,,,,,,40\n");
            out.append(policy).append(",2,c2-1,c2,100,,,,,,,,16,0,0,0,rejected,,,,,,320\n");
        }
        return out.toString();
    }

    /** A limited-demand scenario's demand metrics, for a policy's "metrics" or a class's (after a comma). */
    private static String demandMetrics(double abandoned, double unserved) {
        return ", \"jobs_abandoned\": " + estimate(abandoned, 0.5) + ", \"jobs_unfunded\": " + estimate(0.5, 0.5)
                + ", \"wait_h_abandoned_mean\": " + estimate(20, 0) + ", \"demand_gpu_hours\": " + estimate(1992, 1500)
                + ", \"served_gpu_hours\": " + estimate(1712, 1600) + ", \"unserved_share\": " + estimate(unserved, 0.1);
    }

    private static String estimate(double mean, double ci) {
        return "{\"mean\": " + mean + ", \"ci95\": " + ci + ", \"n\": 2}";
    }

    /**
     * The power metrics of a group, after a comma: energy (MWh), its cost at $30/MWh, CO2 (t; none
     * where NaN), peak draw (MW), stranded and idle GPU-hours: the means of the rows' figures.
     */
    private static String powerMetrics(double energy, double co2, double peak, double stranded, double idle) {
        return ", \"energy_mwh\": " + estimate(energy, 50) + ", \"energy_cost_usd\": " + estimate(energy * 30, 1500)
                + (Double.isNaN(co2) ? "" : ", \"co2_t\": " + estimate(co2, 15)) + ", \"power_peak_mw\": "
                + estimate(peak, 1) + ", \"stranded_gpu_hours\": " + estimate(stranded, 0) + ", \"idle_gpu_hours\": "
                + estimate(idle, 1000);
    }

    private static String policy(String name, double wait, double shareY, boolean limited, boolean powered) {
        double abandoned = name.equals("q") ? 1 : 0.5;
        String demand = (limited ? demandMetrics(abandoned, 0.14) : "")
                + (powered ? powerMetrics(4374, 577.8, 29.7, 480_000, 900_000) : "");
        String c1 = limited ? demandMetrics(abandoned, 0.26) : "";
        String served = (limited ? ", \"served_gpu_hours\": " + estimate(112, 50) : "")
                + (powered ? powerMetrics(1926, 577.8, 9.3, 480_000, 420_000) : "");
        String powerY = powered ? powerMetrics(2448, Double.NaN, 20.4, 0, 480_000) : "";
        return """
                {"policy": "%s",
                 "metrics": {"wait_h_mean": %s, "wait_h_p95": %s, "jobs_arrived": %s, "jobs_completed": %s,
                             "utilization": %s, "gpu_hours": %s, "spend_usd": %s%s},
                 "classes": {"c1": {"wait_h_mean": %s, "jobs_completed": %s%s}, "c2": {"wait_h_mean": %s}},
                 "providers": {"x": {"spend_usd": %s, "share_gpu_hours": %s, "utilization": %s%s},
                               "y": {"spend_usd": %s, "share_gpu_hours": %s, "utilization": %s%s}},
                 "sites": {"a": {"utilization": %s, "installed_gpus_end": %s%s},
                           "b": {"utilization": %s, "installed_gpus_end": %s%s}}}
                """.formatted(name, estimate(wait, 1), estimate(9, 2), estimate(2.5, 0.5), estimate(1.5, 0.5),
                estimate(0.5, 0.1), estimate(2000, 100), estimate(4000, 200), demand, estimate(1, 1), estimate(1, 0), c1,
                estimate(10, 0), estimate(1000, 10), estimate(1 - shareY, 0.05), estimate(0.4, 0.1), served,
                estimate(3000, 30), estimate(shareY, 0.05), estimate(0.5, 0.1), powerY, estimate(0.4, 0.1),
                estimate(100, 0), powered ? powerMetrics(1926, 577.8, 9.3, 480_000, 420_000) : "", estimate(0.5, 0.1),
                estimate(200, 0), powerY);
    }

    private static String summary(boolean compare, boolean limited, boolean powered) {
        String comparison = !compare ? "" : """
                , "comparison": {"baseline": "p", "method": "paired", "policies": [
                    {"policy": "q",
                     "metrics": {"wait_h_mean": {"mean": -1.5, "ci95": 0.5, "n": 2, "excludes_zero": true, "unpaired_ci95": 2.0},
                                 "utilization": {"mean": 0.1, "ci95": 0.2, "n": 2, "excludes_zero": false, "unpaired_ci95": 0.3}},
                     "providers": {"y": {"share_gpu_hours": {"mean": 0.2, "ci95": 0.05, "n": 2, "excludes_zero": true,
                                                             "unpaired_ci95": 0.1}}}}]}
                """;
        return """
                {"scenario": "fixture", "description": "A <hand-made> report & its charts", "seed": 7, "replications": 2,
                 "start": "2025-01-01", "horizon": "2025-01-10", "warmup_days": 0.0, "scheduling": "fifo",
                 "fleet": {"gpu_types": {"H100": {"peak_tflops": 989%s}},
                           "providers": {"x": {"name": "X Cloud"}, "y": {"name": "Y Cloud"}},
                           "sites": {"a": {"provider": "x"}, "b": {"provider": "y"}}},
                 "policies": [%s%s]%s}
                """.formatted(powered ? ", \"kw_per_gpu\": 1.5, \"busy_fraction\": 0.8, \"idle_fraction\": 0.2" : "",
                policy("p", 4, 0.6, limited, powered), compare ? "," + policy("q", 2.5, 0.8, limited, powered) : "",
                comparison);
    }
}
