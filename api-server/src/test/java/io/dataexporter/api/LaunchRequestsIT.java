package io.dataexporter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dataexporter.api.launch.EmrServerlessLauncher;
import io.dataexporter.api.launch.EmrStepLauncher;
import io.dataexporter.common.range.RangeRequest;
import io.dataexporter.common.range.RequestStatus;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;

/**
 * The EMR and EMR Serverless requests as AWS would receive them, checked by a local HTTP endpoint that answers like AWS.
 * This fake stays for what moto (the third-party AWS emulator the deployment tests use, see ApiOnMotoIT) lacks: steps
 * that change state (RUNNING, COMPLETED, FAILED, CANCELLED) and {@code CancelSteps}, which moto does not implement.
 */
class LaunchRequestsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOB_ROLE = "arn:aws:iam::123456789012:role/data-exporter-emr-job";
    private static final RangeRequest REQUEST = new RangeRequest(UUID.fromString("0f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f"), 1791036000, 1791039600,
            RequestStatus.IN_PROGRESS, 0, Optional.empty(), Optional.empty(), Instant.parse("2026-10-06T00:00:00Z"), Optional.empty(), Optional.of("it-client"), List.of());

    private record Received(String method, String path, Map<String, List<String>> headers, String body) {
    }

    @Test
    void emrStep_addsANamedCommandRunnerSparkSubmitStepWithTheConnectorJars() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer server = endpoint(received, "{\"StepIds\":[\"s-2AB3CD4EF5GH\"]}");
        try (EmrClient emr = EmrClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.AP_SOUTHEAST_2).httpClientBuilder(UrlConnectionHttpClient.builder()).credentialsProvider(credentials()).build()) {
            String reference = new EmrStepLauncher(emr, "j-1K48XXXXXXHCB", "s3://artifacts/data-exporter-jobs-emr.jar", "prod", Optional.of(JOB_ROLE)).launch(REQUEST);

            assertThat(reference).isEqualTo("emr step s-2AB3CD4EF5GH");
        } finally {
            server.stop(0);
        }
        assertThat(received).hasSize(2);
        assertThat(received.get(0).headers().get("X-amz-target")).containsExactly("ElasticMapReduce.ListSteps");
        assertThat(JSON.readTree(received.get(0).body()).toString())
                .isEqualTo("{\"ClusterId\":\"j-1K48XXXXXXHCB\",\"StepStates\":[\"PENDING\",\"RUNNING\"]}");
        assertThat(received.get(1).headers().get("X-amz-target")).containsExactly("ElasticMapReduce.AddJobFlowSteps");
        JsonNode body = JSON.readTree(received.get(1).body());
        assertThat(body.get("JobFlowId").asText()).isEqualTo("j-1K48XXXXXXHCB");
        assertThat(body.get("ExecutionRoleArn").asText()).isEqualTo(JOB_ROLE);
        JsonNode step = body.get("Steps").get(0);
        assertThat(step.get("Name").asText()).isEqualTo("data-exporter range 0f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f");
        assertThat(step.get("ActionOnFailure").asText()).isEqualTo("CONTINUE");
        assertThat(step.get("HadoopJarStep").get("Jar").asText()).isEqualTo("command-runner.jar");
        assertThat(step.get("HadoopJarStep").get("Args").toString()).isEqualTo("[\"spark-submit\",\"--deploy-mode\",\"cluster\",\"--class\","
                + "\"io.dataexporter.jobs.range.RangeExport\",\"--conf\",\"spark.sql.session.timeZone=UTC\",\"--jars\","
                + "\"/usr/share/aws/redshift/jdbc/RedshiftJDBC.jar,/usr/share/aws/redshift/spark-redshift/lib/spark-redshift.jar,"
                + "/usr/share/aws/redshift/spark-redshift/lib/spark-avro.jar\",\"s3://artifacts/data-exporter-jobs-emr.jar\",\"--start\",\"1791036000\","
                + "\"--end\",\"1791039600\",\"--request-id\",\"0f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f\",\"--env\",\"prod\"]");
    }

    @Test
    void emrStep_findsTheRequestsStepOnALaterPageOfListSteps() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("X-amz-target"), Map.of(), body));
            String answer = body.contains("\"Marker\":\"page-2\"")
                    ? "{\"Steps\":[{\"Id\":\"s-LATER\",\"Name\":\"data-exporter range 0f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f\"}]}"
                    : "{\"Steps\":[{\"Id\":\"s-OTHER\",\"Name\":\"data-exporter range 11111111-4d3a-4a52-9a55-8f1f1c2d3e4f\"}],\"Marker\":\"page-2\"}";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try (EmrClient emr = EmrClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.AP_SOUTHEAST_2).httpClientBuilder(UrlConnectionHttpClient.builder()).credentialsProvider(credentials()).build()) {
            String reference = new EmrStepLauncher(emr, "j-1K48XXXXXXHCB", "s3://artifacts/data-exporter-jobs-emr.jar", "prod", Optional.of(JOB_ROLE)).launch(REQUEST);

            assertThat(reference).isEqualTo("emr step s-LATER");
        } finally {
            server.stop(0);
        }
        assertThat(received).extracting(Received::path).containsExactly("ElasticMapReduce.ListSteps", "ElasticMapReduce.ListSteps");
    }

    @Test
    void emrStep_whenAStepOfTheRequestIsAlreadyPendingOrRunning_adoptsIt_andCancelsItByReference() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer server = endpoint(received, "{\"Steps\":[{\"Id\":\"s-OTHER\",\"Name\":\"data-exporter range 11111111-4d3a-4a52-9a55-8f1f1c2d3e4f\"},"
                + "{\"Id\":\"s-EXISTING\",\"Name\":\"data-exporter range 0f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f\"}]}");
        try (EmrClient emr = EmrClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.AP_SOUTHEAST_2).httpClientBuilder(UrlConnectionHttpClient.builder()).credentialsProvider(credentials()).build()) {
            EmrStepLauncher launcher = new EmrStepLauncher(emr, "j-1K48XXXXXXHCB", "s3://artifacts/data-exporter-jobs-emr.jar", "prod", Optional.of(JOB_ROLE));
            String reference = launcher.launch(REQUEST);
            launcher.cancel(reference);

            assertThat(reference).isEqualTo("emr step s-EXISTING");
        } finally {
            server.stop(0);
        }
        assertThat(received).extracting(r -> r.headers().get("X-amz-target").get(0))
                .containsExactly("ElasticMapReduce.ListSteps", "ElasticMapReduce.CancelSteps");
        assertThat(JSON.readTree(received.get(1).body()).toString()).isEqualTo("{\"ClusterId\":\"j-1K48XXXXXXHCB\",\"StepIds\":[\"s-EXISTING\"]}");
    }

    @Test
    void submitScheduled_addsTheDailyStepAsTheJobRole_waitsForIt_andExitsByItsOutcome() throws Exception {
        for (String outcome : List.of("COMPLETED", "FAILED")) {
            Scheduled run = submitScheduled(List.of("--date", "2026-10-04"), "{\"Steps\":[]}", false, outcome);

            assertThat(run.exit).as(outcome).isEqualTo(outcome.equals("COMPLETED") ? 0 : 5);
            assertThat(run.received).extracting(Received::path).containsExactly("ElasticMapReduce.ListSteps", "ElasticMapReduce.AddJobFlowSteps",
                    "ElasticMapReduce.DescribeStep", "ElasticMapReduce.DescribeStep");
            assertThat(JSON.readTree(run.received.get(0).body()).toString())
                    .isEqualTo("{\"ClusterId\":\"j-1K48XXXXXXHCB\",\"StepStates\":[\"PENDING\",\"RUNNING\",\"COMPLETED\"]}");
            JsonNode add = JSON.readTree(run.received.get(1).body());
            assertThat(add.get("ExecutionRoleArn").asText()).isEqualTo(JOB_ROLE);
            JsonNode step = add.get("Steps").get(0);
            assertThat(step.get("Name").asText()).isEqualTo("data-exporter scheduled 2026-10-04");
            assertThat(step.get("HadoopJarStep").get("Args").toString()).endsWith("\"s3://artifacts/data-exporter-jobs-emr.jar\",\"--env\",\"prod\","
                    + "\"--date\",\"2026-10-04\"]");
            assertThat(run.output).isEqualTo("Submitted the scheduled export for 2026-10-04: emr step s-DAILY\n"
                    + "emr step s-DAILY: " + (outcome.equals("COMPLETED") ? "SUCCEEDED" : "FAILED") + "\n");
        }
    }

    @Test
    void submitScheduled_withoutADate_fixesYesterdayInMelbourneWhenItSubmits() throws Exception {
        // the clock says 01:00 on 5 Oct 2026 in Melbourne; the step carries --date 2026-10-04 however late it starts
        Scheduled run = submitScheduled(List.of(), "{\"Steps\":[]}", false, "COMPLETED");

        JsonNode step = JSON.readTree(run.received.get(1).body()).get("Steps").get(0);
        assertThat(step.get("Name").asText()).isEqualTo("data-exporter scheduled 2026-10-04");
        assertThat(step.get("HadoopJarStep").get("Args").toString()).endsWith("\"--date\",\"2026-10-04\"]");
        assertThat(run.exit).isZero();
    }

    @Test
    void submitScheduled_afterAThrottledCall_triesAgain_andAfterAnEvictedPod_reattachesToTheDaysStep() throws Exception {
        Scheduled throttled = submitScheduled(List.of("--date", "2026-10-04"), "{\"Steps\":[]}", true, "COMPLETED");

        assertThat(throttled.exit).isZero();
        assertThat(throttled.received).extracting(Received::path).containsExactly("ElasticMapReduce.ListSteps", "ElasticMapReduce.AddJobFlowSteps",
                "ElasticMapReduce.ListSteps", "ElasticMapReduce.AddJobFlowSteps", "ElasticMapReduce.DescribeStep", "ElasticMapReduce.DescribeStep");
        assertThat(throttled.output).startsWith("Submitting the scheduled export for 2026-10-04 failed (attempt 1 of 5): Rate exceeded");

        // the day's step is already there (added by a pod that was evicted while it waited): no second step, its outcome counts
        Scheduled again = submitScheduled(List.of("--date", "2026-10-04"), "{\"Steps\":[{\"Id\":\"s-OTHER\",\"Name\":\"data-exporter scheduled 2026-10-03\"},"
                + "{\"Id\":\"s-DAILY\",\"Name\":\"data-exporter scheduled 2026-10-04\"}]}", false, "COMPLETED");
        assertThat(again.received).extracting(Received::path).containsExactly("ElasticMapReduce.ListSteps", "ElasticMapReduce.DescribeStep",
                "ElasticMapReduce.DescribeStep");
        assertThat(again.output).isEqualTo("Submitted the scheduled export for 2026-10-04: emr step s-DAILY\nemr step s-DAILY: SUCCEEDED\n");
    }

    private record Scheduled(int exit, List<Received> received, String output) {
    }

    // submit-scheduled against a loopback EMR: ListSteps answers listed, the first AddJobFlowSteps is throttled when asked,
    // and the step runs for one DescribeStep and then ends with outcome
    private static Scheduled submitScheduled(List<String> args, String listed, boolean throttleFirstAdd, String outcome) throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-amz-target");
            received.add(new Received(exchange.getRequestMethod(), target, Map.of(), new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)));
            long adds = received.stream().filter(r -> r.path().endsWith("AddJobFlowSteps")).count();
            long describes = received.stream().filter(r -> r.path().endsWith("DescribeStep")).count();
            int status = 200;
            String body;
            if (target.endsWith("ListSteps")) {
                body = listed;
            } else if (target.endsWith("AddJobFlowSteps") && throttleFirstAdd && adds == 1) {
                status = 400;
                body = "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}";
            } else if (target.endsWith("AddJobFlowSteps")) {
                body = "{\"StepIds\":[\"s-DAILY\"]}";
            } else {
                body = "{\"Step\":{\"Id\":\"s-DAILY\",\"Status\":{\"State\":\"" + (describes < 2 ? "RUNNING" : outcome) + "\"}}}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (EmrClient emr = EmrClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.AP_SOUTHEAST_2).httpClientBuilder(UrlConnectionHttpClient.builder()).credentialsProvider(credentials())
                .overrideConfiguration(c -> c.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry())).build()) {
            int exit = ScheduledSubmission.run(args, new EmrStepLauncher(emr, "j-1K48XXXXXXHCB", "s3://artifacts/data-exporter-jobs-emr.jar", "prod",
                    Optional.of(JOB_ROLE)), new java.io.PrintStream(out, true, StandardCharsets.UTF_8), java.time.Duration.ofMillis(50),
                    java.time.Duration.ofSeconds(30), java.time.Clock.fixed(java.time.Instant.parse("2026-10-04T14:00:00Z"), java.time.ZoneOffset.UTC));
            return new Scheduled(exit, received, out.toString(StandardCharsets.UTF_8));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void emrServerless_startsAJobRunWithTheRequestIdAsClientToken() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer server = endpoint(received, "{\"applicationId\":\"00f1abcd\",\"jobRunId\":\"00f1jobrun\",\"arn\":\"arn:aws:emr-serverless:ap-southeast-2:123456789012:/applications/00f1abcd/jobruns/00f1jobrun\"}");
        try (EmrServerlessClient client = EmrServerlessClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.AP_SOUTHEAST_2).httpClientBuilder(UrlConnectionHttpClient.builder()).credentialsProvider(credentials()).build()) {
            String reference = new EmrServerlessLauncher(client, "00f1abcd", "arn:aws:iam::123456789012:role/exporter", "s3://artifacts/jobs.jar", "prod")
                    .launch(REQUEST);

            assertThat(reference).isEqualTo("emr-serverless job 00f1jobrun");
        } finally {
            server.stop(0);
        }
        assertThat(received.get(0).method()).isEqualTo("POST");
        assertThat(received.get(0).path()).isEqualTo("/applications/00f1abcd/jobruns");
        JsonNode body = JSON.readTree(received.get(0).body());
        assertThat(body.get("clientToken").asText()).isEqualTo("0f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f");
        assertThat(body.get("executionRoleArn").asText()).isEqualTo("arn:aws:iam::123456789012:role/exporter");
        assertThat(body.get("name").asText()).isEqualTo("data-exporter range 0f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f");
        JsonNode submit = body.get("jobDriver").get("sparkSubmit");
        assertThat(submit.get("entryPoint").asText()).isEqualTo("s3://artifacts/jobs.jar");
        assertThat(submit.get("entryPointArguments").toString())
                .isEqualTo("[\"--start\",\"1791036000\",\"--end\",\"1791039600\",\"--request-id\",\"0f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f\",\"--env\",\"prod\"]");
        assertThat(submit.get("sparkSubmitParameters").asText()).startsWith("--class io.dataexporter.jobs.range.RangeExport --conf spark.sql.session.timeZone=UTC --jars ");
    }

    private static HttpServer endpoint(List<Received> received, String response) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
    }
}
