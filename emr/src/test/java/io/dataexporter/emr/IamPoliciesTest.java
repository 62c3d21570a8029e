package io.dataexporter.emr;

import static io.dataexporter.emr.DeploymentFilesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The IAM policies name real actions and condition keys, and grant no write on every resource. Real means listed in
 * IAM's own Service Authorization Reference, kept as test resources ({@code iam/actions.tsv}, {@code iam/condition-keys.tsv},
 * with their source and date); write means any access level but Read and List.
 */
public class IamPoliciesTest {

    static final Map<String, String> ACCESS_LEVELS = table("iam/actions.tsv");
    static final Set<String> CONDITION_KEYS = table("iam/condition-keys.tsv").keySet();
    static final List<String> POLICIES = List.of("iam/emr-job-role-policy.json", "iam/emr-job-role-dynamodb-policy.json", "iam/emr-instance-profile-policy.json",
            "iam/api-server-policy.json", "iam/launcher-policy.json", "iam/launcher-serverless-policy.json", "iam/scheduler-role-policy.json", "iam/redshift-unload-role-policy.json",
            "iam/link-signer-user-policy.json", "iam/athena-reader-policy.json");

    @Test
    void everyActionAndConditionKey_isIamsOwn_andNoWriteActionHasAWildcardResource() throws Exception {
        List<String> problems = new ArrayList<>();
        int actions = 0;
        for (String file : POLICIES) {
            JsonNode policy = json(file);
            assertThat(policy.get("Version").asText()).isEqualTo("2012-10-17");
            for (JsonNode statement : policy.get("Statement")) {
                List<String> resources = DeploymentFilesTest.JSON.convertValue(statement.get("Resource"), List.class);
                for (JsonNode node : statement.get("Action")) {
                    String action = node.asText();
                    actions++;
                    String level = ACCESS_LEVELS.get(action);
                    if (level == null) {
                        problems.add(file + ": " + action + " is not an action of its service");
                    } else if (isWrite(level) && (resources.contains("*") || resources.stream().anyMatch(resource -> resource.endsWith(":*")))) {
                        problems.add(file + ": write action " + action + " (" + level + ") has a wildcard resource");
                    }
                }
                conditionKeys(statement).stream().filter(key -> !key.startsWith("aws:") && !CONDITION_KEYS.contains(key))
                        .forEach(key -> problems.add(file + ": condition key " + key + " is not a condition key of its service"));
                assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
                assertThat(resources).as(file + " " + statement.get("Sid")).isNotEmpty().doesNotContain("*");
            }
        }
        assertThat(actions).isEqualTo(59);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyPolicyFile_isListedHere() throws Exception {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of("iam"))) {
            assertThat(files.map(path -> "iam/" + path.getFileName()).filter(name -> name.endsWith(".json")).sorted())
                    .containsExactlyElementsOf(POLICIES.stream().sorted().toList());
        }
    }

    @Test
    void trustPolicies_letOnlyTheirOwnPrincipalAssumeTheRole() throws Exception {
        Map<String, String> principals = new java.util.TreeMap<>();
        for (String role : List.of("emr-job-role", "emr-instance-profile-role", "api-server-role", "launcher-role", "scheduler-role",
                "redshift-unload-role")) {
            JsonNode statement = json("iam/trust/" + role + ".json").get("Statement").get(0);
            assertThat(json("iam/trust/" + role + ".json").get("Statement")).hasSize(1);
            principals.put(role, statement.get("Principal").toString() + " " + statement.get("Action") + " " + statement.path("Condition"));
        }
        assertThat(principals).containsExactly(
                Map.entry("api-server-role", "{\"Federated\":\"arn:aws:iam::ACCOUNT_ID:oidc-provider/oidc.eks.REGION.amazonaws.com/id/OIDC_ID\"}"
                        + " [\"sts:AssumeRoleWithWebIdentity\"] {\"StringEquals\":{\"oidc.eks.REGION.amazonaws.com/id/OIDC_ID:sub\":"
                        + "\"system:serviceaccount:data-exporter:data-exporter-api\",\"oidc.eks.REGION.amazonaws.com/id/OIDC_ID:aud\":\"sts.amazonaws.com\"}}"),
                Map.entry("emr-instance-profile-role", "{\"Service\":\"ec2.amazonaws.com\"} [\"sts:AssumeRole\"] "),
                Map.entry("emr-job-role", "{\"AWS\":\"arn:aws:iam::ACCOUNT_ID:role/data-exporter-emr-instance\"} [\"sts:AssumeRole\",\"sts:SetSourceIdentity\"] "),
                Map.entry("launcher-role", "{\"Federated\":\"arn:aws:iam::ACCOUNT_ID:oidc-provider/oidc.eks.REGION.amazonaws.com/id/OIDC_ID\"}"
                        + " [\"sts:AssumeRoleWithWebIdentity\"] {\"StringEquals\":{\"oidc.eks.REGION.amazonaws.com/id/OIDC_ID:sub\":"
                        + "\"system:serviceaccount:data-exporter:data-exporter-launcher\",\"oidc.eks.REGION.amazonaws.com/id/OIDC_ID:aud\":\"sts.amazonaws.com\"}}"),
                Map.entry("redshift-unload-role", "{\"Service\":\"redshift.amazonaws.com\"} [\"sts:AssumeRole\"] "),
                Map.entry("scheduler-role", "{\"Service\":\"scheduler.amazonaws.com\"} [\"sts:AssumeRole\"] {\"StringEquals\":{\"aws:SourceAccount\":\"ACCOUNT_ID\"}}"));
    }

    @Test
    void theServiceAccountInTheApiAndLauncherRolesTrust_isTheOneTheManifestsCreateInTheirNamespace() throws Exception {
        String overlay = java.nio.file.Files.readString(java.nio.file.Path.of("k8s/overlays/production/kustomization.yaml"));
        for (Map.Entry<String, String> role : Map.of("api-server-role", "serviceaccount.yaml", "launcher-role", "launcher-serviceaccount.yaml").entrySet()) {
            String sub = json("iam/trust/" + role.getKey() + ".json").at("/Statement/0/Condition/StringEquals").get("oidc.eks.REGION.amazonaws.com/id/OIDC_ID:sub")
                    .asText();
            String serviceAccount = java.nio.file.Files.readString(java.nio.file.Path.of("k8s/base/" + role.getValue()));

            assertThat(sub).as(role.getKey()).isEqualTo("system:serviceaccount:" + overlay.replaceAll("(?s).*\nnamespace: (\\S+).*", "$1") + ":"
                    + serviceAccount.replaceAll("(?s).*\n  name: (\\S+).*", "$1"));
        }
    }

    @Test
    void theApisRole_holdsNoEmrPermission_theLaunchersOnlyAddsStepsAsTheJobRole() throws Exception {
        List<String> apiActions = new ArrayList<>();
        json("iam/api-server-policy.json").get("Statement").forEach(statement -> statement.get("Action").forEach(action -> apiActions.add(action.asText())));
        JsonNode add = json("iam/launcher-policy.json").get("Statement").get(0);

        assertThat(apiActions).isNotEmpty().noneMatch(action -> action.startsWith("elasticmapreduce:") || action.startsWith("emr-serverless:")
                || action.startsWith("iam:"));
        assertThat(add.get("Action").toString()).isEqualTo("[\"elasticmapreduce:AddJobFlowSteps\"]");
        assertThat(add.at("/Condition/StringEquals/elasticmapreduce:ExecutionRoleArn").asText()).isEqualTo("arn:aws:iam::ACCOUNT_ID:role/data-exporter-emr-job");
    }

    @Test
    void everyKmsGrant_isOnlyThroughS3() throws Exception {
        for (String file : POLICIES) {
            for (JsonNode statement : json(file).get("Statement")) {
                if (statement.get("Action").toString().contains("\"kms:")) {
                    assertThat(statement.at("/Condition/StringEquals/kms:ViaService").asText()).as(file + " " + statement.get("Sid"))
                            .isEqualTo("s3.REGION.amazonaws.com");
                }
            }
        }
    }

    @Test
    void reference_knowsIamsNames_notTheSdksOperationNames() {
        assertThat(ACCESS_LEVELS).containsEntry("s3:GetObject", "Read").containsEntry("s3:ListBucket", "List")
                .containsEntry("s3:PutObject", "Write").containsEntry("iam:PassRole", "Write").containsEntry("elasticmapreduce:AddJobFlowSteps", "Write");
        // SDK operations that are not IAM actions: HeadObject needs s3:GetObject, ListObjectsV2 needs s3:ListBucket
        assertThat(ACCESS_LEVELS).doesNotContainKeys("s3:HeadObject", "s3:ListObjectsV2", "glue:GetTabel");
        assertThat(CONDITION_KEYS).contains("s3:prefix", "iam:PassedToService", "kms:ViaService").doesNotContain("s3:Prefixes");
    }

    @Test
    void everySecretTheClusterGivesTheJobs_isReadableByTheJobRole_andNoOtherSecretIs() throws Exception {
        List<String> secrets = new ArrayList<>();
        for (JsonNode classification : json("cluster/configurations.json")) {
            classification.get("Properties").fields().forEachRemaining(property -> {
                if (property.getKey().startsWith("spark.dataexporter.") && property.getValue().asText().startsWith("arn:aws:secretsmanager:")) {
                    // the policy's placeholders for the example account and region; the part after '#' is a key inside the secret
                    secrets.add(property.getValue().asText().replaceFirst("#.*$", "").replace(":ap-southeast-2:123456789012:", ":REGION:ACCOUNT_ID:"));
                }
            });
        }
        List<String> granted = resources("iam/emr-job-role-policy.json", "secretsmanager:GetSecretValue");

        assertThat(secrets).hasSize(3).allSatisfy(secret -> assertThat(granted).as(secret).anyMatch(pattern -> matches(pattern, secret)));
        // a secret whose name only starts like one of them (an admin's) is not readable: the suffix is Secrets Manager's six characters
        assertThat(granted).noneMatch(pattern -> matches(pattern, "arn:aws:secretsmanager:REGION:ACCOUNT_ID:secret:data-exporter/control-admin-AbCdEf"));
    }

    @Test
    void matches_followsIamWildcards() {
        assertThat(matches("arn:aws:secretsmanager:R:A:secret:x/control-??????", "arn:aws:secretsmanager:R:A:secret:x/control-GhIjKl")).isTrue();
        assertThat(matches("arn:aws:secretsmanager:R:A:secret:x/control-??????", "arn:aws:secretsmanager:R:A:secret:x/control-admin-GhIjKl")).isFalse();
        assertThat(matches("arn:aws:s3:::bucket/prod/*", "arn:aws:s3:::bucket/prod/2026/10/04/x.parquet")).isTrue();
        assertThat(matches("arn:aws:s3:::bucket/prod/*", "arn:aws:s3:::bucket/production")).isFalse();
    }

    // every resource of the policy's statements that allow the action
    static List<String> resources(String policyFile, String action) throws IOException {
        List<String> resources = new ArrayList<>();
        for (JsonNode statement : json(policyFile).get("Statement")) {
            List<String> actions = DeploymentFilesTest.JSON.convertValue(statement.get("Action"), List.class);
            if (actions.contains(action)) {
                statement.get("Resource").forEach(resource -> resources.add(resource.asText()));
            }
        }
        return resources;
    }

    /** IAM's wildcards in actions and resources: * any run of characters, ? exactly one. */
    public static boolean matches(String pattern, String resource) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return resource.matches(regex.toString());
    }

    static boolean isWrite(String accessLevel) {
        return !accessLevel.equals("Read") && !accessLevel.equals("List");
    }

    // every key of every operator of the statement's Condition block
    static Set<String> conditionKeys(JsonNode statement) {
        Set<String> keys = new HashSet<>();
        JsonNode condition = statement.get("Condition");
        if (condition != null) {
            condition.fields().forEachRemaining(operator -> operator.getValue().fieldNames().forEachRemaining(keys::add));
        }
        return keys;
    }

    // "service<TAB>name[<TAB>value]" lines, '#' comments: "service:name" -> value (or "")
    private static Map<String, String> table(String resource) {
        try (InputStream in = IamPoliciesTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Test resource " + resource + " is missing");
            }
            Map<String, String> rows = new HashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                String name = fields[1].contains(":") ? fields[1] : fields[0] + ":" + fields[1];
                rows.put(name, fields.length > 2 ? fields[2] : "");
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
