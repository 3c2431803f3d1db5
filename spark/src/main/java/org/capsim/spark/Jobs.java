package org.capsim.spark;

import java.io.Serializable;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/** A Spark job of one task per replication, each result handed over on the driver as it comes back. */
final class Jobs {

    private Jobs() {
    }

    static void runInOrder(JavaSparkContext context, List<ReplicationTask> tasks, InOrder inOrder) {
        JavaRDD<ReplicationTask.Done> done = context.parallelize(tasks, tasks.size()).map(ReplicationTask::run);
        ClassTag<ReplicationTask.Done> tag = ClassTag$.MODULE$.apply(ReplicationTask.Done.class);
        context.sc().runJob(done.rdd(), new Single(), new AbstractFunction2<Object, ReplicationTask.Done, BoxedUnit>() {
            @Override
            public BoxedUnit apply(Object index, ReplicationTask.Done result) {
                inOrder.arrived((Integer) index, result);
                return BoxedUnit.UNIT;
            }
        }, tag);
    }

    /** A partition's one result (a partition is one task). */
    private static final class Single extends AbstractFunction1<Iterator<ReplicationTask.Done>, ReplicationTask.Done>
            implements Serializable {

        private static final long serialVersionUID = 1L;

        @Override
        public ReplicationTask.Done apply(Iterator<ReplicationTask.Done> partition) {
            return partition.next();
        }
    }
}
