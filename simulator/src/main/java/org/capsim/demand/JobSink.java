package org.capsim.demand;

import org.capsim.workload.JobClass;
import org.capsim.workload.JobSize;

/** Where arrival processes deliver jobs, at the current simulation time. */
public interface JobSink {

    void arrive(String id, JobClass jobClass, JobSize size);
}
