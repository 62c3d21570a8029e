package io.dataexporter.emr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexporter.api.launch.EmrStepLauncher;
import io.dataexporter.common.aws.MotoServer;
import io.dataexporter.common.control.ControlMigrations;
import io.dataexporter.common.range.RangeRequest;
import io.dataexporter.common.range.RequestStatus;
import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.TestStack;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.Configuration;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.Step;
import software.amazon.awssdk.services.emr.model.StepSummary;
import software.amazon.awssdk.services.emr.model.Tag;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The runnable API jar as its two pods run it, on moto (a third-party AWS emulator): the API server ({@code serve}) with
 * the API Deployment's ConfigMap and the launcher ({@code launch}) with the launcher's, placeholders replaced; IRSA's
 * variables as each one's only AWS credentials (STS AssumeRoleWithWebIdentity at moto, each its own role); each one's
 * control-database password read by ARN from moto's Secrets Manager; and a cluster that moto's EMR made by RunJobFlow
 * from {@code emr/cluster/create-cluster.sh}'s own arguments. A {@code requestData} to the API only queues the request:
 * no step appears while the launcher is down, and the API is given no EMR endpoint or setting at all. The launcher then
 * adds the range step (AddJobFlowSteps, after ListSteps) and follows it (DescribeStep).
 *
 * <p>What moto cannot show, and so this test does not: steps never change state there (so the request stays In
 * Progress), {@code CancelSteps} is not implemented, and no IAM policy is enforced (IamContractIT evaluates them).
 */
class ApiOnMotoIT {

    private static final Path JAR = Path.of("../api-server/target/data-exporter-api-server-0.1.0-SNAPSHOT-runnable.jar").toAbsolutePath();
    private static final String TOKEN = "databricks-token-for-the-moto-test";

    @Test
    void runnableJar_theApiOnlyQueues_theLauncherWithItsOwnRoleAddsTheRangeStepToTheClusterTheScriptDefines_andFollowsIt() throws Exception {
        LocalStack stack = TestStack.get();
        try (Connection connection = stack.openConnection()) {
            ControlMigrations.migrate(connection);
        }
        MotoServer moto = MotoServer.get();
        moto.reset();
        Region region = Region.AP_SOUTHEAST_2;
        StaticCredentialsProvider admin = StaticCredentialsProvider.create(AwsBasicCredentials.create("moto-admin", "moto-admin-secret"));
        try (EmrClient emr = EmrClient.builder().endpointOverride(moto.endpoint()).region(region).credentialsProvider(admin)
                .httpClient(UrlConnectionHttpClient.create()).build();
             SecretsManagerClient secrets = SecretsManagerClient.builder().endpointOverride(moto.endpoint()).region(region).credentialsProvider(admin)
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            String clusterId = runJobFlowAsTheScriptDoes(emr);
            Cluster cluster = emr.describeCluster(describe -> describe.clusterId(clusterId)).cluster();
            assertThat(cluster.releaseLabel()).isEqualTo(ReleaseVersionsTest.release());
            assertThat(cluster.stepConcurrencyLevel()).isEqualTo(4);
            assertThat(cluster.tags()).extracting(tag -> tag.key() + "=" + tag.value())
                    .contains("app=data-exporter", "for-use-with-amazon-emr-managed-policies=true");

            String controlSecret = secrets.createSecret(create -> create.name("data-exporter/control-api")
                    .secretString("{\"password\": \"" + stack.endpoints().password() + "\"}")).arn();
            String launcherSecret = secrets.createSecret(create -> create.name("data-exporter/control-launcher")
                    .secretString("{\"password\": \"" + stack.endpoints().password() + "\"}")).arn();
            String signerSecret = secrets.createSecret(create -> create.name("data-exporter/link-signer")
                    .secretString("{\"access_key_id\": \"" + stack.endpoints().s3AccessKey() + "\", \"secret_access_key\": \""
                            + stack.endpoints().s3SecretKey() + "\"}")).arn();
            int port = freePort();
            Map<String, String> apiEnvironment = irsa(apiEnvironment(stack, moto, controlSecret, signerSecret, port), moto, "data-exporter-api");
            Map<String, String> launcherEnvironment = irsa(launcherEnvironment(stack, moto, clusterId, launcherSecret), moto, "data-exporter-launcher");
            assertThat(apiEnvironment.keySet()).noneMatch(key -> key.startsWith("DATA_EXPORTER_API_EMR"));
            Path apiLog = Files.createTempFile(Path.of("target"), "api-on-moto-", ".log");
            Path launcherLog = Files.createTempFile(Path.of("target"), "launcher-on-moto-", ".log");
            Process api = startJar("serve", apiEnvironment, apiLog);
            Process launcher = null;
            try {
                JsonNode requested = graphql(port, "mutation { requestData(startTime: 1791061200, endTime: 1791064800) }", apiLog);
                UUID id = UUID.fromString(requested.at("/data/requestData").asText());
                // the API queued it and launches nothing: three of its dispatch ticks pass without a step
                Thread.sleep(3000);
                assertThat(emr.listSteps(list -> list.clusterId(clusterId)).steps()).as(Files.readString(apiLog)).isEmpty();

                launcher = startJar("launch", launcherEnvironment, launcherLog);
                StepSummary step = awaitStep(emr, clusterId, "data-exporter range " + id, launcherLog);
                Step described = emr.describeStep(describe -> describe.clusterId(clusterId).stepId(step.id())).step();
                RangeRequest request = new RangeRequest(id, 1791061200, 1791064800, RequestStatus.IN_PROGRESS, 0, Optional.empty(), Optional.empty(),
                        Instant.EPOCH, Optional.empty(), Optional.empty(), List.of());
                List<String> expected = new EmrStepLauncher(null, clusterId, (String) KubernetesManifestsTest.launcherConfigMap().get("DATA_EXPORTER_API_EMR_JAR"),
                        "prod", Optional.empty()).request(request).steps().get(0).hadoopJarStep().args();

                assertThat(described.config().jar()).isEqualTo("command-runner.jar");
                assertThat(described.config().args()).isEqualTo(expected);
                assertThat(described.actionOnFailureAsString()).isEqualTo("CONTINUE");
                JsonNode status = graphql(port, "query { requestStatus(requestId: \"" + id + "\") { status progress dataRequestDownloadLinks error } }", apiLog);
                assertThat(status.at("/data/requestStatus/status").asText()).as(status.toString()).isEqualTo("In Progress");
                assertThat(status.at("/data/requestStatus/dataRequestDownloadLinks").isNull()).isTrue();
                // the same range again joins the request in flight: no second step
                JsonNode again = graphql(port, "mutation { requestData(startTime: 1791061200, endTime: 1791064800) }", apiLog);
                assertThat(again.at("/data/requestData").asText()).isEqualTo(id.toString());
                Thread.sleep(2000);
                assertThat(emr.listSteps(list -> list.clusterId(clusterId)).steps()).extracting(StepSummary::name).containsExactly("data-exporter range " + id);
            } finally {
                stop(api);
                if (launcher != null) {
                    stop(launcher);
                }
            }
        }
    }

    private static Process startJar(String command, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(), command)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    // what EKS puts into a pod whose service account has a role: the only AWS credentials the jar gets
    private static Map<String, String> irsa(Map<String, String> environment, MotoServer moto, String role) throws IOException {
        Path token = Files.createTempFile(Path.of("target"), "web-identity-", ".jwt");
        Files.writeString(token, "eyJhbGciOiJSUzI1NiJ9.pod-token.signature");
        environment.put("AWS_WEB_IDENTITY_TOKEN_FILE", token.toAbsolutePath().toString());
        environment.put("AWS_ROLE_ARN", "arn:aws:iam::" + MotoServer.ACCOUNT_ID + ":role/" + role);
        environment.put("AWS_REGION", Region.AP_SOUTHEAST_2.id());
        environment.put("AWS_ENDPOINT_URL_STS", moto.endpoint().toString());
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin"));
        return environment;
    }

    /** RunJobFlow with exactly what create-cluster.sh passes to {@code aws emr create-cluster}. */
    private static String runJobFlowAsTheScriptDoes(EmrClient emr) throws Exception {
        Map<String, String> options = ClusterDefinitionTest.createClusterOptions();
        String security = readFile("file://emr/cluster/security-configuration.json");
        emr.createSecurityConfiguration(create -> create.name(options.get("--security-configuration")).securityConfiguration(security));
        List<Configuration> configurations = new ArrayList<>();
        for (JsonNode classification : DeploymentFilesTest.json(file(options.get("--configurations")))) {
            Map<String, String> properties = new HashMap<>();
            classification.get("Properties").fields().forEachRemaining(entry -> properties.put(entry.getKey(), entry.getValue().asText()));
            configurations.add(Configuration.builder().classification(classification.get("Classification").asText()).properties(properties).build());
        }
        List<InstanceGroupConfig> groups = new ArrayList<>();
        for (JsonNode group : DeploymentFilesTest.json(file(options.get("--instance-groups")))) {
            groups.add(InstanceGroupConfig.builder().name(group.get("Name").asText()).instanceRole(InstanceRoleType.fromValue(group.get("InstanceGroupType").asText()))
                    .instanceType(group.get("InstanceType").asText()).instanceCount(group.get("InstanceCount").asInt()).build());
        }
        String ec2 = options.get("--ec2-attributes");
        String script = Files.readString(ClusterDefinitionTest.SCRIPT);
        List<Tag> tags = new ArrayList<>();
        java.util.regex.Matcher tag = java.util.regex.Pattern.compile("--tags((?: \"[^\"]+\")+)").matcher(script.replace("\\\n", " "));
        assertThat(tag.find()).isTrue();
        for (String pair : tag.group(1).trim().split(" ")) {
            String[] parts = pair.replace("\"", "").split("=", 2);
            tags.add(Tag.builder().key(parts[0]).value(parts[1]).build());
        }
        RunJobFlowRequest request = RunJobFlowRequest.builder().name(options.get("--name"))
                .releaseLabel(options.get("--release-label").replace("${RELEASE_LABEL}", ReleaseVersionsTest.release()))
                .applications(Application.builder().name(options.get("--applications").replace("Name=", "")).build())
                .configurations(configurations)
                .instances(JobFlowInstancesConfig.builder().instanceGroups(groups).ec2SubnetId("subnet-0123456789abcdef0")
                        .keepJobFlowAliveWhenNoSteps(true).build())
                .jobFlowRole(ec2.replaceAll(".*InstanceProfile=([^,\"]+).*", "$1"))
                .serviceRole(options.get("--service-role"))
                .securityConfiguration(options.get("--security-configuration"))
                .stepConcurrencyLevel(Integer.parseInt(options.get("--step-concurrency-level")))
                .logUri(options.get("--log-uri").replace("${LOG_BUCKET}", "my-log-bucket"))
                .ebsRootVolumeSize(Integer.parseInt(options.get("--ebs-root-volume-size")))
                .tags(tags).build();
        return emr.runJobFlow(request).jobFlowId();
    }

    /** The API Deployment's ConfigMap, with its placeholders replaced by this machine's stack, moto and ports. */
    private static Map<String, String> apiEnvironment(LocalStack stack, MotoServer moto, String controlSecret, String signerSecret, int port)
            throws Exception {
        Map<String, String> environment = new HashMap<>();
        KubernetesManifestsTest.configMap().forEach((key, value) -> environment.put(key, String.valueOf(value)));
        environment.put("DATA_EXPORTER_API_HOST", "127.0.0.1");
        environment.put("DATA_EXPORTER_API_PORT", String.valueOf(port));
        environment.put("DATA_EXPORTER_API_PROBE_PORT", String.valueOf(freePort()));
        environment.put("DATA_EXPORTER_S3_BUCKET", stack.endpoints().bucket());
        environment.put("DATA_EXPORTER_CONTROL_JDBC_URL", stack.endpoints().jdbcUrl().replaceFirst("\\?.*$", ""));
        environment.put("DATA_EXPORTER_CONTROL_USER", stack.endpoints().user());
        environment.put("DATA_EXPORTER_API_LINKS_ACCESS_KEY_ID", signerSecret + "#access_key_id");
        environment.put("DATA_EXPORTER_API_LINKS_SECRET_ACCESS_KEY", signerSecret + "#secret_access_key");
        // from the Secret data-exporter-api
        environment.put("DATA_EXPORTER_CONTROL_PASSWORD", controlSecret + "#password");
        environment.put("DATA_EXPORTER_API_TOKENS", "databricks=" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(TOKEN.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        // where AWS is: on AWS the SDK finds the regional endpoints itself; the API is told of no EMR endpoint
        environment.put("DATA_EXPORTER_SECRETS_ENDPOINT", moto.endpoint().toString());
        environment.put("DATA_EXPORTER_S3_ENDPOINT", stack.endpoints().s3Endpoint().toString());
        return environment;
    }

    /** The launcher Deployment's ConfigMap, with its placeholders replaced by this machine's stack, moto and cluster. */
    private static Map<String, String> launcherEnvironment(LocalStack stack, MotoServer moto, String clusterId, String controlSecret) throws Exception {
        Map<String, String> environment = new HashMap<>();
        KubernetesManifestsTest.launcherConfigMap().forEach((key, value) -> environment.put(key, String.valueOf(value)));
        environment.put("DATA_EXPORTER_API_HOST", "127.0.0.1");
        environment.put("DATA_EXPORTER_API_PROBE_PORT", String.valueOf(freePort()));
        environment.put("DATA_EXPORTER_S3_BUCKET", stack.endpoints().bucket());
        environment.put("DATA_EXPORTER_CONTROL_JDBC_URL", stack.endpoints().jdbcUrl().replaceFirst("\\?.*$", ""));
        environment.put("DATA_EXPORTER_CONTROL_USER", stack.endpoints().user());
        environment.put("DATA_EXPORTER_API_EMR_CLUSTER_ID", clusterId);
        environment.put("DATA_EXPORTER_API_EMR_EXECUTION_ROLE_ARN", "arn:aws:iam::" + MotoServer.ACCOUNT_ID + ":role/data-exporter-emr-job");
        // from the Secret data-exporter-launcher
        environment.put("DATA_EXPORTER_CONTROL_PASSWORD", controlSecret + "#password");
        environment.put("DATA_EXPORTER_API_EMR_ENDPOINT", moto.endpoint().toString());
        environment.put("DATA_EXPORTER_SECRETS_ENDPOINT", moto.endpoint().toString());
        return environment;
    }

    private static StepSummary awaitStep(EmrClient emr, String clusterId, String name, Path log) throws Exception {
        for (int i = 0; i < 120; i++) {
            Optional<StepSummary> step = emr.listSteps(list -> list.clusterId(clusterId)).steps().stream().filter(s -> name.equals(s.name())).findFirst();
            if (step.isPresent()) {
                return step.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The launcher added no step named " + name + "; its log: " + Files.readString(log));
    }

    private static JsonNode graphql(int port, String query, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = DeploymentFilesTest.JSON.createObjectNode().put("query", query).toString();
        IOException last = null;
        for (int i = 0; i < 150; i++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(20))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body() + "\n" + Files.readString(log)).isEqualTo(200);
                JsonNode answer = DeploymentFilesTest.JSON.readTree(response.body());
                assertThat(answer.path("errors").isMissingNode()).as(response.body() + "\n" + Files.readString(log)).isTrue();
                return answer;
            } catch (IOException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new AssertionError("The API never answered; its log: " + Files.readString(log), last);
    }

    private static String file(String option) {
        assertThat(option).startsWith("file://emr/");
        return option.substring("file://emr/".length());
    }

    private static String readFile(String option) throws IOException {
        return Files.readString(Path.of(file(option)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
