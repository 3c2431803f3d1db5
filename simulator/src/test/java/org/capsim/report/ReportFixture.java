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

    private static Path write(Path dir, boolean compare, boolean limited) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("summary.json"), summary(compare, limited), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("sites.csv"), sites(compare), StandardCharsets.UTF_8);
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

    private static String policy(String name, double wait, double shareY, boolean limited) {
        double abandoned = name.equals("q") ? 1 : 0.5;
        String demand = limited ? demandMetrics(abandoned, 0.14) : "";
        String c1 = limited ? demandMetrics(abandoned, 0.26) : "";
        String served = limited ? ", \"served_gpu_hours\": " + estimate(112, 50) : "";
        return """
                {"policy": "%s",
                 "metrics": {"wait_h_mean": %s, "wait_h_p95": %s, "jobs_arrived": %s, "jobs_completed": %s,
                             "utilization": %s, "gpu_hours": %s, "spend_usd": %s%s},
                 "classes": {"c1": {"wait_h_mean": %s, "jobs_completed": %s%s}, "c2": {"wait_h_mean": %s}},
                 "providers": {"x": {"spend_usd": %s, "share_gpu_hours": %s, "utilization": %s%s},
                               "y": {"spend_usd": %s, "share_gpu_hours": %s, "utilization": %s}},
                 "sites": {"a": {"utilization": %s, "installed_gpus_end": %s},
                           "b": {"utilization": %s, "installed_gpus_end": %s}}}
                """.formatted(name, estimate(wait, 1), estimate(9, 2), estimate(2.5, 0.5), estimate(1.5, 0.5),
                estimate(0.5, 0.1), estimate(2000, 100), estimate(4000, 200), demand, estimate(1, 1), estimate(1, 0), c1,
                estimate(10, 0), estimate(1000, 10), estimate(1 - shareY, 0.05), estimate(0.4, 0.1), served,
                estimate(3000, 30), estimate(shareY, 0.05), estimate(0.5, 0.1), estimate(0.4, 0.1), estimate(100, 0),
                estimate(0.5, 0.1), estimate(200, 0));
    }

    private static String summary(boolean compare, boolean limited) {
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
                 "fleet": {"gpu_types": {"H100": {"peak_tflops": 989}},
                           "providers": {"x": {"name": "X Cloud"}, "y": {"name": "Y Cloud"}},
                           "sites": {"a": {"provider": "x"}, "b": {"provider": "y"}}},
                 "policies": [%s%s]%s}
                """.formatted(policy("p", 4, 0.6, limited), compare ? "," + policy("q", 2.5, 0.8, limited) : "",
                comparison);
    }
}
