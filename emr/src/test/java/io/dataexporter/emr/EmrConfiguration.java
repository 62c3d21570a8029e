package io.dataexporter.emr;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** The spark-defaults classification of {@code emr/cluster/configurations.json}, as key and value. */
final class EmrConfiguration {

    private EmrConfiguration() {
    }

    static Map<String, String> sparkDefaults() throws IOException {
        for (JsonNode classification : DeploymentFilesTest.json("cluster/configurations.json")) {
            if ("spark-defaults".equals(classification.get("Classification").asText())) {
                Map<String, String> values = new TreeMap<>();
                classification.get("Properties").fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue().asText()));
                return values;
            }
        }
        throw new IllegalStateException("configurations.json has no spark-defaults classification");
    }
}
