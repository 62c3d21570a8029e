package io.dataexporter.emr;

import io.dataexporter.emr.cluster.EmrSparkDefaults;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** The spark-defaults classification of {@code emr/cluster/configurations.json}, as key and value. */
final class EmrConfiguration {

    private EmrConfiguration() {
    }

    static Map<String, String> sparkDefaults() throws IOException {
        return new TreeMap<>(EmrSparkDefaults.classification(DeploymentFilesTest.json("cluster/configurations.json"), "spark-defaults"));
    }
}
