package org.capsim.model;

import java.time.LocalDate;

import org.capsim.random.Distribution;

/**
 * One step of a site's energized facility power (SPEC 6.2): from its date on, the site can feed
 * {@code megawatts} of GPUs. Like a tranche, it may come late or never, drawn once per replication.
 *
 * @param date              the day it is planned to be energized
 * @param megawatts         the site's energized MW from then on (a level, not an addition)
 * @param delayDays         days it comes late, or null when it comes on its date
 * @param cancelProbability chance, per replication, that it never comes
 */
public record PowerStep(LocalDate date, double megawatts, Distribution delayDays, double cancelProbability) {
}
