package io.dataexporter.emr;

import static io.dataexporter.emr.DeploymentFilesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;

/**
 * The cluster as {@code emr/cluster/create-cluster.sh} creates it: runtime roles on (the steps' ExecutionRoleArn needs
 * them), steps that run side by side, the instance profile the job role trusts, and instance groups in EMR's own shape.
 */
class ClusterDefinitionTest {

    static final Path SCRIPT = Path.of("cluster/create-cluster.sh");

    @Test
    void createCluster_enablesRuntimeRoles_runsStepsSideBySide_andUsesTheInstanceProfileTheJobRoleTrusts() throws Exception {
        Map<String, String> options = createClusterOptions();
        JsonNode security = json("cluster/security-configuration.json");
        String apiConcurrency = String.valueOf(KubernetesManifestsTest.configMap().get("DATA_EXPORTER_API_MAX_CONCURRENT_EXPORTS"));

        assertThat(security.at("/AuthorizationConfiguration/IAMConfiguration/EnableApplicationScopedIAMRole").asBoolean()).isTrue();
        assertThat(options.get("--security-configuration")).isEqualTo("data-exporter");
        assertThat(Files.readString(SCRIPT)).contains("create-security-configuration --name data-exporter --security-configuration"
                + " file://emr/cluster/security-configuration.json");
        // the daily step and every range export the API may run at once, each a step of its own
        assertThat(Integer.parseInt(options.get("--step-concurrency-level"))).isGreaterThanOrEqualTo(1 + Integer.parseInt(apiConcurrency));
        assertThat(options.get("--release-label")).isEqualTo("${RELEASE_LABEL}"); // ReleaseVersionsTest: the parent pom's release
        // AmazonEMRServicePolicy_v2 starts instances only for clusters (and in subnets) tagged for its use
        assertThat(Files.readString(SCRIPT)).contains("--tags \"app=data-exporter\" \"for-use-with-amazon-emr-managed-policies=true\"");
        assertThat(Files.readString(SCRIPT)).contains("aws ec2 create-tags --resources \"${SUBNET_ID}\" --tags Key=for-use-with-amazon-emr-managed-policies,Value=true");
        assertThat(options.get("--applications")).isEqualTo("Name=Spark");
        assertThat(options.get("--configurations")).isEqualTo("file://emr/cluster/configurations.json");
        String instanceProfile = options.get("--ec2-attributes").replaceAll(".*InstanceProfile=([^,\"]+).*", "$1");
        assertThat(json("iam/trust/emr-job-role.json").at("/Statement/0/Principal/AWS").asText()).isEqualTo("arn:aws:iam::ACCOUNT_ID:role/" + instanceProfile);
        // the security configuration also propagates the submitter as source identity, which the job role's trust must allow
        assertThat(security.at("/AuthorizationConfiguration/IAMConfiguration/ApplicationScopedIAMRoleConfiguration/PropagateSourceIdentity").asBoolean())
                .isTrue();
        assertThat(DeploymentFilesTest.JSON.convertValue(json("iam/trust/emr-job-role.json").at("/Statement/0/Action"), List.class))
                .contains("sts:AssumeRole", "sts:SetSourceIdentity");
        Process syntax = new ProcessBuilder("bash", "-n", SCRIPT.toString()).redirectErrorStream(true).start();
        assertThat(syntax.waitFor()).as(new String(syntax.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void instanceGroups_areInEmrsOwnShape_withOnePrimaryAndCoreNodes() throws Exception {
        assertThat(createClusterOptions().get("--instance-groups")).isEqualTo("file://emr/cluster/instance-groups.json");
        List<String> types = new ArrayList<>();
        for (JsonNode group : json("cluster/instance-groups.json")) {
            assertShape(asApi(group), InstanceGroupConfig.builder().build(), "instance-groups.json");
            types.add(group.get("InstanceGroupType").asText());
        }
        assertThat(types).containsExactly("MASTER", "CORE", "TASK");
    }

    @Test
    void assertShape_refusesAFieldEmrDoesNotKnow() throws Exception {
        JsonNode wrong = DeploymentFilesTest.JSON.readTree("{\"InstanceGroupType\":\"CORE\",\"InstanceCout\":2}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertShape(asApi(wrong), InstanceGroupConfig.builder().build(), "x"))
                .hasMessageContaining("x: InstanceCout is not a member of InstanceGroupConfig");
    }

    // create-cluster's --instance-groups file is the CLI's shape (awscli/customizations/emr/argumentschema.py): the API's
    // InstanceGroupConfig, but the role is named InstanceGroupType there and InstanceRole in the API
    static JsonNode asApi(JsonNode cliGroup) {
        com.fasterxml.jackson.databind.node.ObjectNode api = cliGroup.deepCopy();
        api.set("InstanceRole", api.remove("InstanceGroupType"));
        return api;
    }

    // every member of the JSON is a member of the SDK's model of the request (by its wire name), recursively
    static void assertShape(JsonNode node, SdkPojo model, String where) {
        Map<String, SdkField<?>> fields = new HashMap<>();
        model.sdkFields().forEach(field -> fields.put(field.locationName(), field));
        node.fields().forEachRemaining(member -> {
            SdkField<?> field = fields.get(member.getKey());
            if (field == null) {
                throw new AssertionError(where + ": " + member.getKey() + " is not a member of " + model.getClass().getSimpleName() + " (members: "
                        + new java.util.TreeSet<>(fields.keySet()) + ")");
            }
            JsonNode value = member.getValue();
            SdkPojo nested = nestedModel(field);
            if (nested != null) {
                if (value.isArray()) {
                    value.forEach(element -> assertShape(element, nested, where + "/" + member.getKey()));
                } else {
                    assertShape(value, nested, where + "/" + member.getKey());
                }
            }
        });
    }

    // the model of a structure member, or of a list member's elements; null for scalars
    private static SdkPojo nestedModel(SdkField<?> field) {
        software.amazon.awssdk.core.traits.ListTrait list = field.getTrait(software.amazon.awssdk.core.traits.ListTrait.class);
        SdkField<?> target = list != null ? list.memberFieldInfo() : field;
        return target.constructor() == null ? null : (SdkPojo) target.constructor().get();
    }

    // the options of the script's "aws emr create-cluster" command (a backslash-continued line), by name
    static Map<String, String> createClusterOptions() throws Exception {
        String script = Files.readString(SCRIPT).replace("\\\n", " ");
        String command = script.lines().filter(line -> line.strip().startsWith("aws emr create-cluster")).findFirst().orElseThrow();
        Map<String, String> options = new HashMap<>();
        Matcher matcher = Pattern.compile("(--[a-z0-9-]+)\\s+(\"[^\"]*\"|\\S+)").matcher(command);
        while (matcher.find()) {
            options.put(matcher.group(1), matcher.group(2).replaceAll("^\"|\"$", ""));
        }
        return options;
    }
}
