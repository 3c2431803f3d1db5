package org.capsim.model;

import java.time.LocalDate;

import org.capsim.random.Distribution;

/**
 * One step of a site's build-out, already converted to a GPU count.
 *
 * @param date              the day the GPUs are planned to come online (or retire); before the
 *                          scenario start means installed at start
 * @param gpuType           GPU type name
 * @param gpus              GPUs added, or retired when {@code retire}
 * @param retire            true for a retirement
 * @param delayDays         days the tranche comes late, sampled once per replication; null when
 *                          it comes on its date
 * @param cancelProbability chance, per replication, that the tranche never comes
 */
public record Tranche(LocalDate date, String gpuType, int gpus, boolean retire, Distribution delayDays,
        double cancelProbability) {

    /** A tranche that comes on its date for sure. */
    public Tranche(LocalDate date, String gpuType, int gpus, boolean retire) {
        this(date, gpuType, gpus, retire, null, 0.0);
    }

    /** GPUs added by this tranche, negative for a retirement. */
    public int delta() {
        return retire ? -gpus : gpus;
    }

    /** Whether its date or its coming is uncertain. */
    public boolean uncertain() {
        return delayDays != null || cancelProbability > 0;
    }
}
