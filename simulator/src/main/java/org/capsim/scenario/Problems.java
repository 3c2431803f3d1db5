package org.capsim.scenario;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one input, so all of them are reported in one run. */
public final class Problems {

    private final List<Problem> list = new ArrayList<>();

    public void add(Location at, String path, String message) {
        list.add(new Problem(at, path, message));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    public List<Problem> list() {
        return List.copyOf(list);
    }

    /** Throws when any problem was recorded. */
    public void throwIfAny() throws ScenarioException {
        if (!list.isEmpty()) {
            throw new ScenarioException(list);
        }
    }
}
