package org.capsim.experiment;

/** Told how a study goes, for a progress display; called from the study's threads. */
public interface StudyListener extends Experiment.Progress {

    /** {@code point} starts, of {@code points}. */
    default void pointStarted(SweepPoint point, int points) {
    }

    /** {@code --target-ci} added {@code replications} replications of each of {@code point}'s policies. */
    default void replicationsAdded(SweepPoint point, int replications) {
    }

    StudyListener NONE = new StudyListener() {
    };
}
