package io.dataexporter.emr;

import static io.dataexporter.emr.DeploymentFilesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexporter.api.launch.EmrStepLauncher;
import io.dataexporter.common.range.RangeRequest;
import io.dataexporter.common.range.RequestStatus;
import io.dataexporter.jobs.export.ScheduledExport;
import io.dataexporter.jobs.range.RangeExport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.emr.model.StepConfig;

/**
 * The step definitions are the steps the code sends: the same arguments as the launchers build, main classes that
 * exist in the jobs, and job arguments that the jobs' own command lines accept.
 */
class StepDefinitionsTest {

    static final String JAR = "s3://ARTIFACT_BUCKET/data-exporter/data-exporter-jobs-emr.jar";
    private static final EmrStepLauncher LAUNCHER = new EmrStepLauncher(null, "CLUSTER_ID", JAR, "prod");

    @Test
    void scheduledStep_isTheLaunchersDailyStep_andItsArgumentsParse() throws Exception {
        JsonNode step = json("steps/scheduled-export.json").get(0);
        StepConfig code = LAUNCHER.scheduledRequest(Optional.empty()).steps().get(0);

        assertThat(step.get("Type").asText()).isEqualTo("CUSTOM_JAR");
        assertThat(step.get("Name").asText()).isEqualTo(code.name());
        assertThat(step.get("ActionOnFailure").asText()).isEqualTo(code.actionOnFailureAsString());
        assertThat(step.get("Jar").asText()).isEqualTo(code.hadoopJarStep().jar());
        assertThat(strings(step.get("Args"))).isEqualTo(code.hadoopJarStep().args());
        assertJobArgumentsParse(strings(step.get("Args")), new ScheduledExport());
    }

    @Test
    void rangeStepTemplate_isTheLaunchersRangeStepWithPlaceholders_andItsArgumentsParse() throws Exception {
        UUID id = UUID.fromString("0f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f");
        StepConfig code = LAUNCHER.request(new RangeRequest(id, 1791036000, 1791039600, RequestStatus.IN_PROGRESS, 0, Optional.empty(), Optional.empty(),
                Instant.EPOCH, Optional.empty(), Optional.empty(), List.of())).steps().get(0);
        JsonNode step = json("steps/range-export.template.json").get(0);
        List<String> filled = strings(step.get("Args")).stream().map(arg -> arg.replace("START_EPOCH_SECONDS", "1791036000")
                .replace("END_EPOCH_SECONDS", "1791039600").replace("REQUEST_ID", id.toString())).toList();

        assertThat(step.get("Name").asText().replace("REQUEST_ID", id.toString())).isEqualTo(code.name());
        assertThat(filled).isEqualTo(code.hadoopJarStep().args());
        assertJobArgumentsParse(filled, new RangeExport());
    }

    @Test
    void eventBridgeSchedule_runsTheScheduledStepAt0100Melbourne() throws Exception {
        JsonNode schedule = json("schedule/eventbridge-scheduler.json");
        JsonNode input = DeploymentFilesTest.JSON.readTree(schedule.get("Target").get("Input").asText());

        assertThat(schedule.get("ScheduleExpression").asText()).isEqualTo("cron(0 1 * * ? *)");
        assertThat(schedule.get("ScheduleExpressionTimezone").asText()).isEqualTo("Australia/Melbourne");
        assertThat(schedule.get("Target").get("Arn").asText()).isEqualTo("arn:aws:scheduler:::aws-sdk:emr:addJobFlowSteps");
        assertThat(strings(input.get("Steps").get(0).get("HadoopJarStep").get("Args")))
                .isEqualTo(strings(json("steps/scheduled-export.json").get(0).get("Args")));
    }

    // spark-submit ... --class C <jar> <job arguments>: C exists, and the job's own command line accepts the arguments.
    private static void assertJobArgumentsParse(List<String> args, Object job) throws Exception {
        String mainClass = args.get(args.indexOf("--class") + 1);
        assertThat(Class.forName(mainClass, false, StepDefinitionsTest.class.getClassLoader())).isEqualTo(job.getClass());
        List<String> jobArgs = args.subList(args.indexOf(JAR) + 1, args.size());
        CommandLine.ParseResult parsed = new CommandLine(job).parseArgs(jobArgs.toArray(String[]::new));
        assertThat(parsed.unmatched()).isEmpty();
        assertThat(parsed.matchedOptions()).hasSize(jobArgs.size() / 2);
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
