package io.dataexporter.emr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Every deployment file parses: JSON as JSON, YAML as YAML (each document). */
class DeploymentFilesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String path) throws IOException {
        return JSON.readTree(Files.readString(Path.of(path)));
    }

    static List<Path> files(String extension) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String folder : List.of("steps", "cluster", "schedule", "iam", "k8s")) {
            try (Stream<Path> walk = Files.walk(Path.of(folder))) {
                walk.filter(path -> path.toString().endsWith(extension)).sorted().forEach(found::add);
            }
        }
        return found;
    }

    @Test
    void everyJsonAndYamlFile_parses() throws Exception {
        List<Path> json = files(".json");
        List<Path> yaml = files(".yaml");

        assertThat(json).extracting(Path::toString).contains("steps/scheduled-export.json", "steps/range-export.template.json",
                "cluster/configurations.json", "schedule/eventbridge-scheduler.json", "iam/emr-job-role-policy.json", "iam/api-server-policy.json",
                "iam/scheduler-role-policy.json");
        for (Path file : json) {
            assertThat(JSON.readTree(Files.readString(file))).as(file.toString()).isNotNull();
        }
        assertThat(yaml).extracting(Path::toString).contains("k8s/base/cronjob.yaml", "k8s/base/deployment.yaml", "k8s/overlays/production/kustomization.yaml");
        for (Path file : yaml) {
            int documents = 0;
            for (Object document : new Yaml().loadAll(Files.readString(file))) {
                assertThat(document).as(file.toString()).isNotNull();
                documents++;
            }
            assertThat(documents).as(file.toString() + ": one resource per file").isEqualTo(1);
        }
    }
}
