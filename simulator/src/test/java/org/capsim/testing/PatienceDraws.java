package org.capsim.testing;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.capsim.demand.WorkloadClass;
import org.capsim.random.Distribution;
import org.capsim.random.RandomStreams;
import org.capsim.scenario.Scenario;
import org.capsim.testing.MemoryRecorder.JobRow;

/**
 * Every job's patience as SPEC 6.1 defines it, drawn again from the scenario alone: the k-th job
 * of a class to arrive takes the k-th draw of the class's own stream, whatever the policy did.
 */
public final class PatienceDraws {

    private PatienceDraws() {
    }

    /** By class and job id, when each job of a patient class leaves if it has not started (clock hours). */
    public static Map<String, Double> leaveTimes(Scenario scenario, int replication, List<JobRow> jobs) {
        RandomStreams streams = new RandomStreams(scenario.seed(), replication);
        Map<String, Double> leaves = new HashMap<>();
        for (WorkloadClass c : scenario.demand()) {
            Distribution patience = c.limits().patienceDays();
            if (patience == null) {
                continue;
            }
            Distribution.Sampler draws = patience.sampler(streams.stream("patience/" + c.name()));
            jobs.stream().filter(j -> j.className().equals(c.name()))
                    .sorted(Comparator.comparingDouble(JobRow::arrival))
                    .forEach(j -> leaves.put(key(j), j.arrival() + draws.sample() * 24.0));
        }
        return leaves;
    }

    public static String key(JobRow job) {
        return job.className() + "/" + job.id();
    }
}
