package io.dataexporter.emr;

import static io.dataexporter.emr.DeploymentFilesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README's "Deploy on AWS" read against the files it names and AWS's documentation: the order of its steps, the keys,
 * roles and policies a first deployment needs, and one user and one secret per control-database client.
 */
class RunbookTest {

    private static String deploySection() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        return readme.substring(readme.indexOf("### Deploy on AWS"), readme.indexOf("## The on-demand range export and the API"));
    }

    @Test
    void identities_thatNameTheCluster_areCreatedAfterTheStepThatCreatesIt() throws Exception {
        String deploy = deploySection();
        Matcher clusterStep = Pattern.compile("(?m)^(\\d)\\. \\*\\*[^\\n]*\\n?[^\\n]*create-cluster\\.sh").matcher(deploy);
        assertThat(clusterStep.find()).as("a numbered step runs create-cluster.sh").isTrue();
        int cluster = Integer.parseInt(clusterStep.group(1));
        Map<String, Integer> stepByPolicy = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| [^|]+ \\| [^|]+ \\| ([^|]+) \\| [^|]+ \\| (\\d) \\|$").matcher(deploy);
        while (row.find()) {
            Matcher file = Pattern.compile("`([a-z0-9-]+\\.json)`").matcher(row.group(1));
            while (file.find()) {
                stepByPolicy.put(file.group(1), Integer.parseInt(row.group(2)));
            }
        }
        List<String> policies;
        try (var files = Files.list(Path.of("iam"))) {
            policies = files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted().toList();
        }
        assertThat(stepByPolicy.keySet()).as("every policy file has its step in README's table").containsAll(policies);
        List<String> tooEarly = new ArrayList<>();
        for (String policy : policies) {
            if (Files.readString(Path.of("iam", policy)).contains("CLUSTER_ID") && stepByPolicy.get(policy) <= cluster) {
                tooEarly.add(policy + " (step " + stepByPolicy.get(policy) + ")");
            }
        }
        assertThat(tooEarly).as("created before the cluster of step " + cluster + " exists").isEmpty();
        assertThat(stepByPolicy).containsEntry("api-server-policy.json", cluster + 1).containsEntry("launcher-policy.json", cluster + 1)
                .containsEntry("scheduler-role-policy.json", cluster + 1);
    }

    @Test
    void unloadRole_mayListItsTempdirPrefix_andOnlyThat() throws Exception {
        String tempdir = EmrConfiguration.sparkDefaults().get("spark.dataexporter.redshift.tempdir");
        String prefix = tempdir.replaceFirst("^s3a://[^/]+/", "").replaceAll("/+$", "");
        JsonNode list = statement("iam/redshift-unload-role-policy.json", "s3:ListBucket");

        assertThat(prefix).isEqualTo("unload");
        assertThat(list.get("Resource").toString()).isEqualTo("[\"arn:aws:s3:::TEMP_BUCKET\"]");
        assertThat(list.at("/Condition/StringLike/s3:prefix").toString()).isEqualTo("[\"" + prefix + "\",\"" + prefix + "/*\"]");
    }

    @Test
    void clusterDiskKey_isUsableByTheInstanceRoleAndEmr_andGrantsOnlyForAwsResources() throws Exception {
        JsonNode security = json("cluster/security-configuration.json");
        JsonNode key = json("kms/cluster-disk-key-policy.json");
        Map<String, String> actionsByPrincipal = new TreeMap<>();
        for (JsonNode statement : key.get("Statement")) {
            String principal = statement.at("/Principal/AWS").asText();
            actionsByPrincipal.merge(principal, statement.get("Action").toString() + statement.path("Condition"), (a, b) -> a + " " + b);
        }

        assertThat(security.at("/EncryptionConfiguration/AtRestEncryptionConfiguration/LocalDiskEncryptionConfiguration/AwsKmsKey").asText())
                .isEqualTo("arn:aws:kms:REGION:ACCOUNT_ID:key/CLUSTER_DISK_KEY_ID");
        String use = "[\"kms:Encrypt\",\"kms:Decrypt\",\"kms:ReEncrypt*\",\"kms:GenerateDataKey*\",\"kms:DescribeKey\"]";
        assertThat(actionsByPrincipal).containsExactly(
                Map.entry("arn:aws:iam::ACCOUNT_ID:role/data-exporter-emr-instance", use),
                Map.entry("arn:aws:iam::ACCOUNT_ID:role/data-exporter-emr-service", use + " [\"kms:CreateGrant\",\"kms:ListGrants\",\"kms:RevokeGrant\"]"
                        + "{\"Bool\":{\"kms:GrantIsForAWSResource\":\"true\"}}"),
                Map.entry("arn:aws:iam::ACCOUNT_ID:root", "\"kms:*\""));
        // the roles the key names are the ones the cluster runs as
        Map<String, String> options = ClusterDefinitionTest.createClusterOptions();
        assertThat(options.get("--service-role")).isEqualTo("data-exporter-emr-service");
        assertThat(options.get("--ec2-attributes")).contains("InstanceProfile=data-exporter-emr-instance");
        assertThat(deploySection()).contains("aws kms create-key --policy file://emr/kms/cluster-disk-key-policy.json");
    }

    @Test
    void jobRoleForEmrServerless_trustsTheClusterAsBefore_andEmrServerlessOfThisAccountsApplication() throws Exception {
        JsonNode cluster = json("iam/trust/emr-job-role.json").get("Statement");
        JsonNode serverless = json("iam/trust/emr-job-role-serverless.json").get("Statement");

        assertThat(serverless).hasSize(2);
        assertThat(serverless.get(0)).isEqualTo(cluster.get(0));
        assertThat(serverless.get(1).get("Principal").toString()).isEqualTo("{\"Service\":\"emr-serverless.amazonaws.com\"}");
        assertThat(serverless.get(1).get("Action").toString()).isEqualTo("[\"sts:AssumeRole\"]");
        assertThat(serverless.get(1).get("Condition").toString()).isEqualTo("{\"StringEquals\":{\"aws:SourceAccount\":\"ACCOUNT_ID\"},"
                + "\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:emr-serverless:REGION:ACCOUNT_ID:/applications/APPLICATION_ID\"}}");
        // the launcher passes exactly this role to EMR Serverless
        assertThat(statement("iam/launcher-serverless-policy.json", "iam:PassRole").get("Resource").toString())
                .isEqualTo("[\"arn:aws:iam::ACCOUNT_ID:role/data-exporter-emr-job\"]");
    }

    @Test
    void athenaReaders_readTheCatalogAndTheExportedFolder_andWriteOnlyTheirResults() throws Exception {
        JsonNode policy = json("iam/athena-reader-policy.json");
        String warehouse = EmrConfiguration.sparkDefaults().get("spark.sql.catalog.de.warehouse");
        String env = EmrConfiguration.sparkDefaults().get("spark.dataexporter.export.env");
        List<String> writes = new ArrayList<>();
        for (JsonNode statement : policy.get("Statement")) {
            for (JsonNode action : statement.get("Action")) {
                if ("Write".equals(IamPoliciesTest.ACCESS_LEVELS.get(action.asText())) && !action.asText().startsWith("athena:")) {
                    writes.add(action.asText() + " " + statement.get("Resource"));
                }
            }
        }

        assertThat(warehouse).isEqualTo("s3://my-export-bucket/" + env + "/_iceberg");
        assertThat(statement("iam/athena-reader-policy.json", "s3:GetObject").get("Resource").toString())
                .contains("\"arn:aws:s3:::EXPORT_BUCKET/" + env + "/*\"");
        assertThat(statement("iam/athena-reader-policy.json", "glue:GetTable").get("Resource").toString())
                .contains("arn:aws:glue:REGION:ACCOUNT_ID:table/data_exporter/*");
        assertThat(writes).containsExactlyInAnyOrder("s3:PutObject [\"arn:aws:s3:::ATHENA_RESULTS_BUCKET/data-exporter/*\"]",
                "s3:AbortMultipartUpload [\"arn:aws:s3:::ATHENA_RESULTS_BUCKET/data-exporter/*\"]");
        assertThat(deploySection()).contains("**Lake Formation.**", "athena-reader-policy.json");
    }

    @Test
    void controlDatabase_eachClientHasItsOwnUserAndSecret_andNeitherIdentityReadsTheOthers() throws Exception {
        Map<String, String> cluster = EmrConfiguration.sparkDefaults();
        String jobsSecret = cluster.get("spark.dataexporter.control.password").replaceFirst("#.*$", "").replace(":ap-southeast-2:123456789012:", ":REGION:ACCOUNT_ID:");
        String apiSecret = "arn:aws:secretsmanager:REGION:ACCOUNT_ID:secret:data-exporter/control-api-AbCdEf";
        List<String> jobRole = IamPoliciesTest.resources("iam/emr-job-role-policy.json", "secretsmanager:GetSecretValue");
        List<String> apiRole = IamPoliciesTest.resources("iam/api-server-policy.json", "secretsmanager:GetSecretValue");
        String launcherSecret = "arn:aws:secretsmanager:REGION:ACCOUNT_ID:secret:data-exporter/control-launcher-AbCdEf";
        List<String> launcherRole = IamPoliciesTest.resources("iam/launcher-policy.json", "secretsmanager:GetSecretValue");

        assertThat(cluster.get("spark.dataexporter.control.user")).isEqualTo("data_exporter_jobs");
        assertThat(KubernetesManifestsTest.configMap().get("DATA_EXPORTER_CONTROL_USER")).isEqualTo("data_exporter_api");
        assertThat(jobsSecret).contains(":secret:data-exporter/control-jobs-");
        assertThat(jobRole).anyMatch(pattern -> IamPoliciesTest.matches(pattern, jobsSecret)).noneMatch(pattern -> IamPoliciesTest.matches(pattern, apiSecret));
        assertThat(apiRole).anyMatch(pattern -> IamPoliciesTest.matches(pattern, apiSecret)).noneMatch(pattern -> IamPoliciesTest.matches(pattern, jobsSecret));
        assertThat(launcherRole).anyMatch(pattern -> IamPoliciesTest.matches(pattern, launcherSecret))
                .noneMatch(pattern -> IamPoliciesTest.matches(pattern, apiSecret) || IamPoliciesTest.matches(pattern, jobsSecret));
        assertThat(apiRole).noneMatch(pattern -> IamPoliciesTest.matches(pattern, launcherSecret));
        assertThat(Files.readString(Path.of("k8s/base/launcher-configmap.yaml"))).contains("DATA_EXPORTER_CONTROL_USER: \"data_exporter_launcher\"");
        assertThat(Files.readString(Path.of("sql/control-database-users.sql"))).contains("data-exporter/control-jobs for the jobs",
                "data-exporter/control-api for the API", "data-exporter/control-launcher for the launcher");
    }

    private static JsonNode statement(String file, String action) throws IOException {
        for (JsonNode statement : json(file).get("Statement")) {
            if (statement.get("Action").toString().contains("\"" + action + "\"")) {
                return statement;
            }
        }
        throw new AssertionError(file + " has no statement with " + action);
    }
}
