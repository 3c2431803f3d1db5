package org.capsim.model;

import java.time.LocalDate;

/**
 * One step of a site's build-out, already converted to a GPU count.
 *
 * @param date    the day the GPUs come online (or retire); before the scenario start means installed at start
 * @param gpuType GPU type name
 * @param gpus    GPUs added, or retired when {@code retire}
 * @param retire  true for a retirement
 */
public record Tranche(LocalDate date, String gpuType, int gpus, boolean retire) {

    /** GPUs added by this tranche, negative for a retirement. */
    public int delta() {
        return retire ? -gpus : gpus;
    }
}
