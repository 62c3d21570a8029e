package io.dataexporter.emr;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.api.ApiConfig;
import io.dataexporter.api.ApiMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The Kubernetes manifests: the schedule, the probes, the image the build produces, and settings the server knows. */
class KubernetesManifestsTest {

    @Test
    void cronJob_runsSubmitScheduledAt0100Melbourne_oneAtATime() throws Exception {
        Map<String, Object> cronJob = yaml("k8s/base/cronjob.yaml");
        Map<String, Object> spec = map(cronJob, "spec");
        Map<String, Object> container = first(map(map(map(map(spec, "jobTemplate"), "spec"), "template"), "spec"), "containers");

        assertThat(cronJob.get("kind")).isEqualTo("CronJob");
        assertThat(spec).containsEntry("schedule", "0 1 * * *").containsEntry("timeZone", "Australia/Melbourne")
                .containsEntry("concurrencyPolicy", "Forbid").containsEntry("startingDeadlineSeconds", 3600)
                .containsEntry("successfulJobsHistoryLimit", 3).containsEntry("failedJobsHistoryLimit", 5);
        assertThat(container.get("args")).isEqualTo(List.of("submit-scheduled"));
        // an evicted pod is replaced, and the replacement re-attaches to the day's step (LaunchRequestsIT)
        assertThat(map(map(spec, "jobTemplate"), "spec")).containsEntry("backoffLimit", 3).containsEntry("activeDeadlineSeconds", 21600);
        assertThat(container.get("image")).isEqualTo("data-exporter-api");
        // it adds EMR steps: the launcher's identity and settings, never the internet-facing API's
        assertThat(map(map(map(map(spec, "jobTemplate"), "spec"), "template"), "spec")).containsEntry("serviceAccountName", "data-exporter-launcher");
        assertThat(container.get("envFrom")).isEqualTo(List.of(Map.of("configMapRef", Map.of("name", "data-exporter-launcher")),
                Map.of("secretRef", Map.of("name", "data-exporter-launcher"))));
    }

    @Test
    void launcher_runsLaunchWithItsOwnIdentity_takesNoTraffic_andHoldsTheEmrSettingsTheApiLacks() throws Exception {
        Map<String, Object> pod = map(map(map(yaml("k8s/base/launcher-deployment.yaml"), "spec"), "template"), "spec");
        Map<String, Object> container = first(pod, "containers");
        Map<String, Object> data = map(yaml("k8s/base/launcher-configmap.yaml"), "data");
        Set<String> known = new HashSet<>(ApiConfig.KEYS.stream().map(ApiConfig::envName).toList());
        known.add(ApiMain.HOST_VARIABLE);

        assertThat(container.get("args")).isEqualTo(List.of("launch"));
        assertThat(container.get("image")).isEqualTo("data-exporter-api");
        assertThat(pod).containsEntry("serviceAccountName", "data-exporter-launcher");
        assertThat((List<Object>) container.get("ports")).containsExactly(Map.of("name", "probes", "containerPort", 8081));
        assertThat(map(map(container, "readinessProbe"), "httpGet")).containsEntry("path", "/readyz").containsEntry("port", "probes");
        assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001);
        assertThat(data.keySet()).isNotEmpty().allSatisfy(key -> assertThat(known).as("a setting the launcher reads").contains(key));
        assertThat(data).containsEntry("DATA_EXPORTER_API_LAUNCHER", "emr-step").containsEntry("DATA_EXPORTER_CONTROL_USER", "data_exporter_launcher")
                .containsKeys("DATA_EXPORTER_API_EMR_CLUSTER_ID", "DATA_EXPORTER_API_EMR_EXECUTION_ROLE_ARN", "DATA_EXPORTER_API_EMR_JAR");
        // the API only queues: no EMR setting, and a Service and Ingress that reach the API pods alone
        assertThat(configMap()).containsEntry("DATA_EXPORTER_API_LAUNCHER", "none").doesNotContainKeys("DATA_EXPORTER_API_EMR_CLUSTER_ID",
                "DATA_EXPORTER_API_EMR_EXECUTION_ROLE_ARN", "DATA_EXPORTER_API_EMR_JAR");
        assertThat(map(map(yaml("k8s/base/service.yaml"), "spec"), "selector")).isEqualTo(Map.of("app.kubernetes.io/name", "data-exporter-api"));
        assertThat(map(yaml("k8s/base/launcher-serviceaccount.yaml"), "metadata")).containsEntry("name", "data-exporter-launcher");
        // the launcher enforces the bound the API admits by
        assertThat(data.get("DATA_EXPORTER_API_MAX_CONCURRENT_EXPORTS")).isEqualTo(configMap().get("DATA_EXPORTER_API_MAX_CONCURRENT_EXPORTS"));
    }

    @Test
    void deployment_probesReadyzAndHealthz_runsAsNonRoot_andItsSettingsAreServerSettings() throws Exception {
        Map<String, Object> pod = map(map(map(yaml("k8s/base/deployment.yaml"), "spec"), "template"), "spec");
        Map<String, Object> container = first(pod, "containers");
        Map<String, Object> data = map(yaml("k8s/base/configmap.yaml"), "data");
        Set<String> known = new HashSet<>(ApiConfig.KEYS.stream().map(ApiConfig::envName).toList());
        known.add(ApiMain.HOST_VARIABLE);

        assertThat(map(map(container, "readinessProbe"), "httpGet")).containsEntry("path", "/readyz").containsEntry("port", "probes");
        assertThat(map(map(container, "livenessProbe"), "httpGet")).containsEntry("path", "/healthz").containsEntry("port", "probes");
        assertThat((List<Object>) container.get("ports")).containsExactly(Map.of("name", "http", "containerPort", 8080),
                Map.of("name", "probes", "containerPort", 8081));
        assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001);
        assertThat(map(container, "securityContext")).containsEntry("readOnlyRootFilesystem", true).containsEntry("allowPrivilegeEscalation", false);
        assertThat(data.keySet()).isNotEmpty().allSatisfy(key -> assertThat(known).as("a setting the server reads").contains(key));
        assertThat(data).containsEntry("DATA_EXPORTER_API_LAUNCHER", "none").containsEntry("DATA_EXPORTER_API_PORT", "8080")
                .containsEntry("DATA_EXPORTER_API_PROBE_PORT", "8081").containsEntry("DATA_EXPORTER_API_GRAPHIQL_ENABLED", "false");
    }

    @Test
    void dockerfile_copiesTheJarTheBuildProduces_andRunsAsNonRoot() throws Exception {
        String dockerfile = Files.readString(Path.of("../api-server/Dockerfile"));
        String jar = dockerfile.lines().filter(line -> line.startsWith("COPY ")).findFirst().orElseThrow().split("\\s+")[1];

        assertThat(Path.of("../api-server", jar)).as("the runnable jar the build produces").exists();
        assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre").contains("USER 10001:10001").contains("CMD [\"serve\"]");
    }

    @Test
    void kustomize_rendersTheProductionOverlay_withTheImageAndTheSchedule() throws Exception {
        // a machine without kubectl fails here, naming it; .ci/run refuses to start without it
        assertThat(onPath("kubectl")).as("kubectl is not on the PATH: install it (Debian: kubectl, or the kubernetes-client package) to render emr/k8s").isTrue();
        Process process = new ProcessBuilder("kubectl", "kustomize", "k8s/overlays/production").redirectErrorStream(true).start();
        String rendered = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(rendered).isZero();
        // the image by digest (a tag can be pushed again), so IfNotPresent can never run a stale image
        assertThat(rendered).contains("image: ACCOUNT_ID.dkr.ecr.ap-southeast-2.amazonaws.com/data-exporter-api@sha256:IMAGE_DIGEST")
                .doesNotContain("data-exporter-api:0.1.0-SNAPSHOT").contains("timeZone: Australia/Melbourne")
                .contains("replicas: 3").contains("eks.amazonaws.com/role-arn");
        List<String> kinds = new java.util.ArrayList<>();
        Set<String> namespaces = new HashSet<>();
        Map<String, Object> ingress = null;
        for (Object document : new Yaml().loadAll(rendered)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> resource = (Map<String, Object>) document;
            kinds.add((String) resource.get("kind"));
            Map<String, Object> metadata = map(resource, "metadata");
            namespaces.add(resource.get("kind").equals("Namespace") ? (String) metadata.get("name") : (String) metadata.get("namespace"));
            if (resource.get("kind").equals("Ingress")) {
                ingress = resource;
            }
        }
        // the namespace every resource names is one the overlay creates
        assertThat(kinds).containsExactlyInAnyOrder("Namespace", "ServiceAccount", "ServiceAccount", "ConfigMap", "ConfigMap", "Service", "Deployment",
                "Deployment", "CronJob", "PodDisruptionBudget", "NetworkPolicy", "NetworkPolicy", "Ingress");
        // each service account its own role
        assertThat(rendered).contains("eks.amazonaws.com/role-arn: arn:aws:iam::ACCOUNT_ID:role/data-exporter-api",
                "eks.amazonaws.com/role-arn: arn:aws:iam::ACCOUNT_ID:role/data-exporter-launcher");
        assertThat(namespaces).containsExactly("data-exporter");
        // the way in: TLS on /graphql, to the Service's port, from the Databricks addresses only
        assertThat(map(map(ingress, "metadata"), "annotations")).containsEntry("nginx.ingress.kubernetes.io/whitelist-source-range", "DATABRICKS_EGRESS_CIDRS");
        assertThat(first(map(ingress, "spec"), "tls")).containsEntry("secretName", "data-exporter-api-tls");
        assertThat(rendered).contains("path: /graphql");
    }

    static Map<String, Object> configMap() throws IOException {
        return map(yaml("k8s/base/configmap.yaml"), "data");
    }

    static Map<String, Object> launcherConfigMap() throws IOException {
        return map(yaml("k8s/base/launcher-configmap.yaml"), "data");
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String file) throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(Path.of(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> node, String key) {
        return (Map<String, Object>) node.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(Map<String, Object> node, String key) {
        return ((List<Map<String, Object>>) node.get(key)).get(0);
    }
}
