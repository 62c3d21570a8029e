package io.dataexporter.emr;

import static io.dataexporter.emr.DeploymentFilesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The IAM policies name real actions and grant no write on every resource. An action is real when the service's AWS
 * SDK model has its request class; IAM-only names and services whose SDK the product does not carry are listed below
 * from the AWS Service Authorization Reference.
 */
class IamPoliciesTest {

    private static final Map<String, String> SDK_PACKAGES = Map.of("s3", "s3", "glue", "glue", "sns", "sns", "secretsmanager", "secretsmanager",
            "kms", "kms", "dynamodb", "dynamodb", "elasticmapreduce", "emr", "emr-serverless", "emrserverless");
    // Actions whose name is not an SDK operation, or whose service's SDK is not on this classpath.
    private static final Set<String> DOCUMENTED_ACTIONS = Set.of("s3:ListBucket", "s3:AbortMultipartUpload", "redshift:GetClusterCredentials",
            "iam:PassRole");
    private static final List<String> READ_PREFIXES = List.of("Get", "List", "Describe", "Scan", "Query");

    @Test
    void everyAction_isARealActionOfItsService_andNoWriteActionHasAWildcardResource() throws Exception {
        List<String> problems = new ArrayList<>();
        int actions = 0;
        for (String file : List.of("iam/emr-job-role-policy.json", "iam/api-server-policy.json", "iam/scheduler-role-policy.json")) {
            JsonNode policy = json(file);
            assertThat(policy.get("Version").asText()).isEqualTo("2012-10-17");
            for (JsonNode statement : policy.get("Statement")) {
                List<String> resources = DeploymentFilesTest.JSON.convertValue(statement.get("Resource"), List.class);
                for (JsonNode node : statement.get("Action")) {
                    String action = node.asText();
                    actions++;
                    if (!isReal(action)) {
                        problems.add(file + ": " + action + " is not an action of its service");
                    }
                    String operation = action.substring(action.indexOf(':') + 1);
                    boolean write = READ_PREFIXES.stream().noneMatch(operation::startsWith);
                    if (write && (resources.contains("*") || resources.stream().anyMatch(resource -> resource.endsWith(":*")))) {
                        problems.add(file + ": write action " + action + " has a wildcard resource");
                    }
                }
                assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
                assertThat(resources).as(file + " " + statement.get("Sid")).isNotEmpty().doesNotContain("*");
            }
        }
        assertThat(actions).isEqualTo(33);
        assertThat(problems).isEmpty();
        assertThat(isReal("glue:GetTabel")).as("a misspelt action is caught").isFalse();
    }

    private static boolean isReal(String action) {
        if (DOCUMENTED_ACTIONS.contains(action)) {
            return true;
        }
        String service = action.substring(0, action.indexOf(':'));
        String operation = action.substring(action.indexOf(':') + 1);
        String sdk = SDK_PACKAGES.get(service);
        if (sdk == null) {
            return false;
        }
        try {
            Class.forName("software.amazon.awssdk.services." + sdk + ".model." + operation + "Request", false, IamPoliciesTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
