package org.capsim.replication;

import java.util.List;

import org.capsim.cluster.Job;
import org.capsim.demand.Budget;
import org.capsim.demand.WorkloadClass;
import org.capsim.model.Calendar;

/**
 * The classes' spend booked per calendar year against their budgets (SPEC 6.1): a job's GPUs x
 * held hours x its pool's price, booked when it is queued, in the year of that instant.
 */
final class Budgets {

    private final Calendar calendar;
    /** Per class index, its budget or null. */
    private final Budget[] budgets;
    /** Per class, the calendar year its booked spend belongs to, and that spend. */
    private final int[] year;
    private final double[] booked;

    Budgets(List<WorkloadClass> classes, Calendar calendar) {
        this.calendar = calendar;
        this.budgets = classes.stream().map(c -> c.limits().budget()).toArray(Budget[]::new);
        this.year = new int[budgets.length];
        this.booked = new double[budgets.length];
    }

    /** Whether {@code job}'s class has not yet reached its budget for the year of {@code now}. */
    boolean funds(Job job, double now) {
        int c = job.jobClass().index();
        Budget budget = budgets[c];
        return budget == null || bookedIn(c, now) < budget.limitAt(now);
    }

    /** Books the spend of {@code job}, queued at its pool at {@code now}. */
    void book(Job job, double now) {
        int c = job.jobClass().index();
        if (budgets[c] != null) {
            booked[c] = bookedIn(c, now) + job.gpus() * job.heldHours() * job.pool().pricePerGpuHour();
        }
    }

    /** The class's booked spend in the calendar year of {@code now} (a new year starts from zero). */
    private double bookedIn(int c, double now) {
        int current = calendar.dateAt(now).getYear();
        if (current != year[c]) {
            year[c] = current;
            booked[c] = 0;
        }
        return booked[c];
    }
}
