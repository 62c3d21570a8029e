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
    static final String JOB_ROLE = "arn:aws:iam::ACCOUNT_ID:role/data-exporter-emr-job";
    private static final EmrStepLauncher LAUNCHER = new EmrStepLauncher(null, "CLUSTER_ID", JAR, "prod", Optional.of(JOB_ROLE));

    @Test
    void scheduledStep_isTheLaunchersDailyStep_withItsDayFixed_andItsArgumentsParse() throws Exception {
        JsonNode step = json("steps/scheduled-export.json").get(0);
        StepConfig code = LAUNCHER.scheduledRequest(java.time.LocalDate.of(2026, 10, 4)).steps().get(0);
        List<String> args = strings(step.get("Args")).stream().map(arg -> arg.replace("DATE", "2026-10-04")).toList();

        assertThat(step.get("Type").asText()).isEqualTo("CUSTOM_JAR");
        assertThat(step.get("Name").asText().replace("DATE", "2026-10-04")).isEqualTo(code.name());
        assertThat(step.get("ActionOnFailure").asText()).isEqualTo(code.actionOnFailureAsString());
        assertThat(step.get("Jar").asText()).isEqualTo(code.hadoopJarStep().jar());
        assertThat(args).isEqualTo(code.hadoopJarStep().args()).endsWith("--date", "2026-10-04");
        assertJobArgumentsParse(args, new ScheduledExport());
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
    void eventBridgeSchedule_runsTheScheduledStepAt0100Melbourne_asTheJobRole_forTheDayBeforeItFired() throws Exception {
        JsonNode schedule = json("schedule/eventbridge-scheduler.json");
        JsonNode input = DeploymentFilesTest.JSON.readTree(schedule.get("Target").get("Input").asText());
        List<String> args = strings(input.get("Steps").get(0).get("HadoopJarStep").get("Args"));
        List<String> byHand = strings(json("steps/scheduled-export.json").get(0).get("Args"));

        assertThat(schedule.get("ScheduleExpression").asText()).isEqualTo("cron(0 1 * * ? *)");
        assertThat(schedule.get("ScheduleExpressionTimezone").asText()).isEqualTo("Australia/Melbourne");
        assertThat(schedule.get("Target").get("Arn").asText()).isEqualTo("arn:aws:scheduler:::aws-sdk:emr:addJobFlowSteps");
        assertThat(input.get("ExecutionRoleArn").asText()).isEqualTo(JOB_ROLE);
        // the same step, but the day comes from the time the schedule fired (EventBridge Scheduler fills it in when it fires)
        assertThat(args.subList(0, args.size() - 2)).isEqualTo(byHand.subList(0, byHand.size() - 2));
        assertThat(args.subList(args.size() - 2, args.size())).containsExactly("--scheduled-at", "<aws.scheduler.scheduled-time>");
        List<String> fired = args.stream().map(arg -> arg.replace("<aws.scheduler.scheduled-time>", "2026-10-04T14:00:00Z")).toList();
        assertJobArgumentsParse(fired, new ScheduledExport());
        ScheduledExport export = new ScheduledExport();
        new CommandLine(export).parseArgs(fired.subList(fired.indexOf(JAR) + 1, fired.size()).toArray(String[]::new));
        assertThat(export.days()).extracting(day -> day.date().toString()).containsExactly("2026-10-04");
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
