package org.capsim.report.chart;

import java.util.ArrayList;
import java.util.List;

import org.capsim.experiment.Morris;
import org.capsim.experiment.Sensitivity;
import org.capsim.report.data.ReportData;
import org.capsim.report.data.SweepData;

/** Which figures a report gets, in the order the page shows them. */
public final class Figures {

    /** What the capacity chart measures: GPUs, or peak PFLOP/s. */
    public enum CapacityUnit {
        GPUS, PFLOPS
    }

    private Figures() {
    }

    /** The colours of one report: its providers, policies and classes in order. */
    public static Palette palette(ReportData data) {
        return new Palette(data.providers(), data.policies(), data.classes());
    }

    /** The figures of a run or a comparison (or one sweep point). */
    public static List<Figure> of(ReportData data, CapacityUnit unit) {
        Palette palette = palette(data);
        TimeCharts time = new TimeCharts(data, palette);
        OutcomeCharts outcomes = new OutcomeCharts(data, palette);
        List<Figure> figures = new ArrayList<>();
        if (data.comparing()) {
            ComparisonCharts comparison = new ComparisonCharts(data, palette);
            figures.add(comparison.policies());
            if (data.report().comparison() != null) {
                figures.add(comparison.differences());
            }
        }
        figures.add(time.capacity(unit == CapacityUnit.PFLOPS ? TimeCharts.Unit.PFLOPS : TimeCharts.Unit.GPUS));
        if (outcomes.hasServed()) {
            figures.add(outcomes.served()); // beside capacity: what of the demand the fleet served
        }
        figures.add(time.utilization());
        figures.add(time.queues());
        if (time.hasPower()) {
            figures.add(time.power());
        }
        figures.add(new WaitCharts(data, palette).waits());
        figures.add(outcomes.rofr());
        figures.add(outcomes.providers());
        return figures;
    }

    /** The figures a report of figures alone can have (scenarios compared as arms): the comparison's. */
    public static List<Figure> ofSummary(ReportData data) {
        if (!data.comparing()) {
            return List.of();
        }
        ComparisonCharts comparison = new ComparisonCharts(data, palette(data));
        return data.report().comparison() == null ? List.of(comparison.policies())
                : List.of(comparison.policies(), comparison.differences());
    }

    /** The figures of a sweep's top folder. */
    public static List<Figure> ofSweep(SweepData sweep) {
        return List.of(new SweepCharts(sweep, new Palette(List.of(), sweep.policies(), List.of())).metrics());
    }

    /** The tornado charts of a sensitivity study (or the effects of a screening, when not null), one per metric. */
    public static List<Figure> ofSensitivity(Sensitivity study, Morris screening) {
        return new TornadoCharts(study, screening).figures();
    }
}
