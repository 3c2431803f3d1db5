package org.capsim.demand;

import org.capsim.cluster.JobClass;
import org.capsim.cluster.JobSize;

/** Where arrival processes deliver jobs, at the current simulation time. */
public interface JobSink {

    void arrive(String id, JobClass jobClass, JobSize size);
}
