package io.dataexporter.emr.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexporter.api.ApiApplication;
import io.dataexporter.api.ApiConfig;
import io.dataexporter.api.LauncherApplication;
import io.dataexporter.api.http.BearerAuth;
import io.dataexporter.common.config.StackEndpoints;
import io.dataexporter.jobs.TestSpark;
import io.dataexporter.jobs.config.Settings;
import io.dataexporter.jobs.export.ScheduledExportCommand;
import io.dataexporter.jobs.range.RangeExportCommand;
import io.dataexporter.localstack.TestS3;
import io.dataexporter.localstack.TestStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The IAM contract: every AWS call the product makes in a range export (the launcher's launch, the job, the API's status
 * and links, a download through a link) and a scheduled export is recorded where it is made (the S3 requests of s3a,
 * the SDK and the links through a proxy in front of the S3 server; Secrets Manager, SNS and EMR at loopback endpoints)
 * and evaluated against the policy of the identity that makes it ({@code emr/iam/*.json}, placeholders filled in).
 * A call no statement allows fails the test; so does a statement no call used, unless it is listed here with the
 * reason this machine cannot exercise it.
 */
class IamContractIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "ap-southeast-2";
    private static final String ACCOUNT = "123456789012";
    private static final String BUCKET = "contract-exporter";
    private static final String CLUSTER = "j-CONTRACT";
    private static final String JOB_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/data-exporter-emr-job";
    private static final String SECRETS = "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:data-exporter/";
    private static final String TOKEN = "contract-token";

    /** Statements no call here can use, each with the reason. */
    private static final Map<String, Set<String>> UNUSED_HERE = Map.of(
            // EMR fetches the jar before the job runs; UNLOAD and its key belong to the Redshift read path; the test catalog is JDBC, not Glue
            "emr-job-role", Set.of("ReadTheJobsJar", "ReadAndCleanTheUnloadTempdir", "ListTheUnloadTempdir", "DecryptTheUnloadFilesThroughS3",
                    "TheGlueDatabaseAndItsTables"),
            "api-server", Set.of(),
            // the launcher's steps never end on this machine's stand-in, so nothing is cancelled; its secret is read at start
            "launcher", Set.of(),
            "link-signer", Set.of());

    @Test
    void everyAwsCallOfARangeExportAndAScheduledExport_isAllowedByItsRolesPolicy_andEveryGrantIsUsed() throws Exception {
        long began = System.nanoTime();
        StackEndpoints stack = TestStack.get().endpoints();
        try (java.sql.Connection connection = TestStack.get().openConnection()) {
            io.dataexporter.localstack.seed.SyntheticWarehouse.seed(connection, new io.dataexporter.localstack.seed.SeedOptions(2000, 3,
                    io.dataexporter.localstack.seed.SeedOptions.DEFAULT_AROUND, 42));
        }
        try (S3Client s3 = TestS3.client(stack)) {
            if (s3.listBuckets().buckets().stream().noneMatch(bucket -> bucket.name().equals(BUCKET))) {
                s3.createBucket(create -> create.bucket(BUCKET));
            }
        }
        System.setProperty("aws.accessKeyId", stack.s3AccessKey());
        System.setProperty("aws.secretAccessKey", stack.s3SecretKey());
        URI s3Server = stack.s3Endpoint();
        String pepper = "contract-pepper-0123456789abcdef";
        Map<String, String> secrets = Map.of(
                SECRETS + "warehouse-AbCdEf", JSON.createObjectNode().put("password", stack.password()).toString(),
                SECRETS + "control-jobs-GhIjKl", JSON.createObjectNode().put("password", stack.password()).toString(),
                SECRETS + "control-api-YzAbCd", JSON.createObjectNode().put("password", stack.password()).toString(),
                SECRETS + "control-launcher-EfGhIj", JSON.createObjectNode().put("password", stack.password()).toString(),
                SECRETS + "pepper-MnOpQr", pepper,
                SECRETS + "link-signer-StUvWx", JSON.createObjectNode().put("access_key_id", stack.s3AccessKey())
                        .put("secret_access_key", stack.s3SecretKey()).toString());
        CallLog log = new CallLog();
        try (S3RecordingProxy jobsS3 = new S3RecordingProxy(s3Server.getHost(), s3Server.getPort(), log, "emr-job-role", "emr-job-role");
             S3RecordingProxy apiS3 = new S3RecordingProxy(s3Server.getHost(), s3Server.getPort(), log, "api-server", "link-signer");
             AwsServicesEndpoint jobsAws = new AwsServicesEndpoint(log, "emr-job-role", secrets, REGION, ACCOUNT);
             AwsServicesEndpoint apiAws = new AwsServicesEndpoint(log, "api-server", secrets, REGION, ACCOUNT);
             AwsServicesEndpoint launcherAws = new AwsServicesEndpoint(log, "launcher", secrets, REGION, ACCOUNT)) {
            Map<String, String> jobs = jobSettings(stack, jobsS3.endpoint(), jobsAws.endpoint());
            Path config = Files.createTempFile(Path.of("target"), "contract", ".properties");
            Files.writeString(config, jobs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")));

            long start = Instant.parse("2026-10-04T01:00:00Z").getEpochSecond();
            try (ApiApplication api = new ApiApplication(ApiConfig.from(apiSettings(stack, apiS3.endpoint(), apiAws.endpoint())), "127.0.0.1",
                    null, Clock.systemUTC());
                 LauncherApplication launcher = LauncherApplication.fromConfig(ApiConfig.from(launcherSettings(stack, launcherAws.endpoint())), "127.0.0.1")) {
                String id = graphql(api, "mutation { requestData(startTime: " + start + ", endTime: " + (start + 3600) + ") }").get("requestData").asText();
                awaitLaunch(log);
                phase("stack, seed and the launcher's launch", began);
                String job = RangeExportCommand.run(TestSpark.get(), "--start", String.valueOf(start), "--end", String.valueOf(start + 3600),
                        "--request-id", id, "--env", "prod", "--config", config.toString(), "--dir", "target/no-stack-directory");
                assertThat(job).as(job).endsWith("exit 0");
                phase("the range export", began);
                JsonNode status = graphql(api, "query { requestStatus(requestId: \"" + id + "\") { status dataRequestDownloadLinks linksExpireAt } }")
                        .get("requestStatus");
                assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("Completed");
                JsonNode links = JSON.readTree(status.get("dataRequestDownloadLinks").asText());
                String link = links.elements().next().get(0).asText();
                HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(download.statusCode()).as(link).isEqualTo(200);
            }
            Map<String, String> environment = new HashMap<>();
            jobs.forEach((name, value) -> environment.put(Settings.ALL.stream().filter(key -> key.name().equals(name)).findFirst().orElseThrow()
                    .environmentName(), value));
            ScheduledExportCommand.Outcome scheduled = ScheduledExportCommand.run(TestSpark.get(), environment, "--date", "2026-10-04",
                    "--dir", "target/no-stack-directory");
            assertThat(scheduled.exitCode()).as(scheduled.output()).isZero();
            phase("the scheduled export", began);
        }

        List<AwsCall> calls = log.calls();
        Map<String, PolicyEvaluator> policies = Map.of("emr-job-role", policy("iam/emr-job-role-policy.json"),
                "api-server", policy("iam/api-server-policy.json"), "launcher", policy("iam/launcher-policy.json"),
                "link-signer", policy("iam/link-signer-user-policy.json"));
        List<String> denied = new ArrayList<>();
        Map<String, Set<String>> used = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (AwsCall call : calls) {
            counts.merge(call.identity() + " " + call.action(), 1, Integer::sum);
            policies.get(call.identity()).allowedBy(call).ifPresentOrElse(sid -> used.computeIfAbsent(call.identity(), k -> new TreeSet<>()).add(sid),
                    () -> denied.add(call.toString()));
        }
        System.out.println("AWS calls by identity and action: " + counts);
        Map<String, List<String>> unused = new LinkedHashMap<>();
        policies.forEach((identity, policy) -> unused.put(identity, policy.sids().stream()
                .filter(sid -> !used.getOrDefault(identity, Set.of()).contains(sid)).sorted().toList()));

        assertThat(denied).as("calls no statement allows").isEmpty();
        unused.forEach((identity, sids) -> assertThat(sids).as("grants of " + identity + " that no call used")
                .containsExactlyInAnyOrderElementsOf(UNUSED_HERE.get(identity)));
        // each party made the calls it must: the exports wrote and read S3, read their secrets and notified; the launcher launched
        // as the job role; the internet-facing API made no EMR call at all
        assertThat(counts).containsKeys("emr-job-role s3:PutObject", "emr-job-role s3:GetObject", "emr-job-role s3:ListBucket",
                "emr-job-role s3:DeleteObject", "emr-job-role secretsmanager:GetSecretValue", "emr-job-role sns:Publish",
                "launcher elasticmapreduce:AddJobFlowSteps", "launcher elasticmapreduce:ListSteps", "launcher secretsmanager:GetSecretValue",
                "api-server s3:ListBucket", "api-server s3:GetObject", "api-server secretsmanager:GetSecretValue", "link-signer s3:GetObject");
        assertThat(counts.keySet()).noneMatch(call -> call.startsWith("api-server elasticmapreduce:") || call.startsWith("api-server emr-serverless:"));
        assertThat(calls).filteredOn(call -> call.action().equals("elasticmapreduce:AddJobFlowSteps"))
                .allSatisfy(call -> assertThat(call.context()).containsEntry("elasticmapreduce:ExecutionRoleArn", JOB_ROLE));
    }

    @Test
    void evaluator_deniesWhatNoStatementAllows() throws Exception {
        PolicyEvaluator jobRole = policy("iam/emr-job-role-policy.json");
        AwsCall list = new AwsCall("emr-job-role", "s3:ListBucket", "arn:aws:s3:::" + BUCKET, Map.of("s3:prefix", "prod/2026/"), "");

        assertThat(jobRole.allowedBy(list)).contains("ListTheExportPrefix");
        // listing the whole bucket (no prefix), another environment, writing outside prod/, and an EMR step without the runtime role
        assertThat(jobRole.allowedBy(new AwsCall("emr-job-role", "s3:ListBucket", "arn:aws:s3:::" + BUCKET, Map.of(), ""))).isEmpty();
        assertThat(jobRole.allowedBy(new AwsCall("emr-job-role", "s3:ListBucket", "arn:aws:s3:::" + BUCKET, Map.of("s3:prefix", "test/"), ""))).isEmpty();
        assertThat(jobRole.allowedBy(new AwsCall("emr-job-role", "s3:PutObject", "arn:aws:s3:::" + BUCKET + "/production/x", Map.of(), ""))).isEmpty();
        AwsCall step = new AwsCall("launcher", "elasticmapreduce:AddJobFlowSteps", "arn:aws:elasticmapreduce:" + REGION + ":" + ACCOUNT + ":cluster/" + CLUSTER,
                Map.of(), "");
        AwsCall asTheJobRole = new AwsCall(step.identity(), step.action(), step.resource(), Map.of("elasticmapreduce:ExecutionRoleArn", JOB_ROLE), "");
        assertThat(policy("iam/launcher-policy.json").allowedBy(step)).isEmpty();
        assertThat(policy("iam/launcher-policy.json").allowedBy(asTheJobRole)).contains("AddStepsOnlyAsTheJobRole");
        // the internet-facing API may not add a step in any way
        assertThat(policy("iam/api-server-policy.json").allowedBy(new AwsCall("api-server", step.action(), step.resource(),
                asTheJobRole.context(), ""))).isEmpty();
    }

    private static void phase(String what, long began) {
        System.out.printf("IamContractIT: %s done after %.1f s%n", what, (System.nanoTime() - began) / 1e9);
    }

    // the policy file with its placeholders filled in for this test's account, region, bucket and cluster
    private static PolicyEvaluator policy(String file) throws Exception {
        String text = Files.readString(Path.of(file)).replace("REGION", REGION).replace("ACCOUNT_ID", ACCOUNT).replace("EXPORT_BUCKET", BUCKET)
                .replace("CLUSTER_ID", CLUSTER);
        return new PolicyEvaluator(JSON.readTree(text));
    }

    private static Map<String, String> jobSettings(StackEndpoints stack, String s3, String aws) {
        Map<String, String> values = new HashMap<>();
        values.put(Settings.WAREHOUSE_URL.name(), stack.jdbcUrl().replaceAll("[?&]user=[^&]*", ""));
        values.put(Settings.WAREHOUSE_USER.name(), stack.user());
        values.put(Settings.WAREHOUSE_PASSWORD.name(), SECRETS + "warehouse-AbCdEf#password");
        values.put(Settings.CONTROL_PASSWORD.name(), SECRETS + "control-jobs-GhIjKl#password");
        values.put(Settings.HASH_PEPPER.name(), SECRETS + "pepper-MnOpQr");
        values.put(Settings.SECRETS_ENDPOINT.name(), aws);
        values.put(Settings.CATALOG_URL.name(), stack.catalogJdbcUrl());
        values.put(Settings.CATALOG_NAME.name(), "contract");
        values.put(Settings.CATALOG_DATABASE.name(), "contract");
        values.put(Settings.S3_ENDPOINT.name(), s3);
        values.put(Settings.S3_REGION.name(), REGION);
        values.put(Settings.S3_ACCESS_KEY.name(), stack.s3AccessKey());
        values.put(Settings.S3_SECRET_KEY.name(), stack.s3SecretKey());
        values.put(Settings.BUCKET.name(), BUCKET);
        values.put(Settings.ENV.name(), "prod");
        values.put(Settings.NOTIFIER.name(), "sns");
        values.put(Settings.SNS_TOPIC.name(), "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":data-exporter-runs");
        values.put(Settings.SNS_ENDPOINT.name(), aws);
        return values;
    }

    private static Map<String, String> apiSettings(StackEndpoints stack, String s3, String aws) {
        Map<String, String> values = new HashMap<>();
        values.put("api.port", "0");
        values.put("api.probe-port", "0");
        values.put("export.env", "prod");
        values.put("s3.bucket", BUCKET);
        values.put("s3.endpoint", s3);
        values.put("s3.region", REGION);
        values.put("s3.access-key", stack.s3AccessKey());
        values.put("s3.secret-key", stack.s3SecretKey());
        values.put("control.jdbc.url", stack.jdbcUrl().replaceAll("[?&]user=[^&]*", ""));
        values.put("control.user", stack.user());
        values.put("control.password", SECRETS + "control-api-YzAbCd#password");
        values.put("secrets.endpoint", aws);
        values.put("api.tokens", "contract=" + BearerAuth.sha256(TOKEN));
        values.put("api.launcher", "none");
        values.put("api.links.access-key-id", SECRETS + "link-signer-StUvWx#access_key_id");
        values.put("api.links.secret-access-key", SECRETS + "link-signer-StUvWx#secret_access_key");
        return ApiConfig.merge(Map.of(), List.of(values));
    }

    private static Map<String, String> launcherSettings(StackEndpoints stack, String aws) {
        Map<String, String> values = new HashMap<>();
        values.put("api.probe-port", "0");
        values.put("export.env", "prod");
        values.put("s3.bucket", BUCKET);
        values.put("s3.region", REGION);
        values.put("control.jdbc.url", stack.jdbcUrl().replaceAll("[?&]user=[^&]*", ""));
        values.put("control.user", stack.user());
        values.put("control.password", SECRETS + "control-launcher-EfGhIj#password");
        values.put("secrets.endpoint", aws);
        values.put("api.launcher", "emr-step");
        values.put("api.emr.endpoint", aws);
        values.put("api.emr.cluster-id", CLUSTER);
        values.put("api.emr.jar", "s3://ARTIFACT_BUCKET/data-exporter/data-exporter-jobs-emr.jar");
        values.put("api.emr.execution-role-arn", JOB_ROLE);
        return ApiConfig.merge(Map.of(), List.of(values));
    }

    private static JsonNode graphql(ApiApplication api, String query) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/graphql"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("query", query).toString())).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.has("errors")).as(response.body()).isFalse();
        return body.get("data");
    }

    private static void awaitLaunch(CallLog log) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (log.calls().stream().noneMatch(call -> call.action().equals("elasticmapreduce:AddJobFlowSteps"))) {
            assertThat(System.nanoTime()).as("the launcher never launched the request").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
