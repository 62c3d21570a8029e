package io.dataexporter.common.range;

/** What the probes and gauges read: whether the control database answers, and how many requests run and wait. */
public interface RequestCounts {

    boolean answers();

    int running();

    int queuedCount();
}
