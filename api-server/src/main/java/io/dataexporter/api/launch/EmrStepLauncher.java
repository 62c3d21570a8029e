package io.dataexporter.api.launch;

import io.dataexporter.common.range.RangeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.AddJobFlowStepsRequest;
import software.amazon.awssdk.services.emr.model.CancelStepsRequest;
import software.amazon.awssdk.services.emr.model.DescribeStepRequest;
import software.amazon.awssdk.services.emr.model.HadoopJarStepConfig;
import software.amazon.awssdk.services.emr.model.ListStepsRequest;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepSummary;

/**
 * Adds the range export as a step to a running EMR cluster: {@code command-runner.jar spark-submit}, named after the
 * request id, with the Redshift connector jars that every EMR release image ships. AddJobFlowSteps is not idempotent,
 * so the client must not retry it: a pending or running step of the same name is adopted instead of adding another.
 * Steps run as the EMR runtime role {@code executionRoleArn} when one is given (the cluster's security configuration
 * enables runtime roles), so whoever may add steps gets only what that role allows, not the cluster's instance profile.
 */
public final class EmrStepLauncher implements Launcher {

    static final String CONNECTOR_JARS = "/usr/share/aws/redshift/jdbc/RedshiftJDBC.jar,"
            + "/usr/share/aws/redshift/spark-redshift/lib/spark-redshift.jar,/usr/share/aws/redshift/spark-redshift/lib/spark-avro.jar";

    private final EmrClient emr;
    private final String clusterId;
    private final String jobsJar;
    private final String env;
    private final Optional<String> executionRoleArn;

    public EmrStepLauncher(EmrClient emr, String clusterId, String jobsJar, String env, Optional<String> executionRoleArn) {
        this.emr = emr;
        this.clusterId = clusterId;
        this.jobsJar = jobsJar;
        this.env = env;
        this.executionRoleArn = executionRoleArn;
    }

    // The steps EMR lists first are the newest; a day's step is looked for among this many.
    private static final int STEPS_SEARCHED = 200;

    private static final String PREFIX = "emr step ";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Override
    public String launch(RangeRequest request) {
        String name = stepName(request);
        // every page of the pending and running steps, not only the first 50 (a busy cluster queues more)
        Optional<String> existing = emr.listStepsPaginator(ListStepsRequest.builder().clusterId(clusterId).stepStates(StepState.PENDING, StepState.RUNNING)
                .build()).steps().stream().limit(STEPS_SEARCHED).filter(step -> name.equals(step.name())).map(StepSummary::id).findFirst();
        return PREFIX + existing.orElseGet(() -> emr.addJobFlowSteps(request(request)).stepIds().get(0));
    }

    @Override
    public State state(String launcherRef) {
        if (!launcherRef.startsWith(PREFIX)) {
            return State.UNKNOWN;
        }
        StepState state = emr.describeStep(DescribeStepRequest.builder().clusterId(clusterId).stepId(launcherRef.substring(PREFIX.length())).build())
                .step().status().state();
        return switch (state) {
            case PENDING, RUNNING, CANCEL_PENDING -> State.RUNNING;
            case COMPLETED -> State.SUCCEEDED;
            case CANCELLED, FAILED, INTERRUPTED -> State.FAILED;
            default -> State.UNKNOWN;
        };
    }

    /**
     * The daily step: {@code command-runner.jar spark-submit} of ScheduledExport, named after its day. A step of that name
     * that is pending, running or completed is adopted: a submission repeated after a lost answer or an evicted pod
     * re-attaches to the step it added instead of exporting the day twice.
     */
    @Override
    public String launchScheduled(java.time.LocalDate date) {
        AddJobFlowStepsRequest request = scheduledRequest(date);
        String name = request.steps().get(0).name();
        Optional<String> existing = emr.listStepsPaginator(ListStepsRequest.builder().clusterId(clusterId)
                        .stepStates(StepState.PENDING, StepState.RUNNING, StepState.COMPLETED).build())
                .steps().stream().limit(STEPS_SEARCHED).filter(step -> name.equals(step.name())).map(StepSummary::id).findFirst();
        return PREFIX + existing.orElseGet(() -> emr.addJobFlowSteps(request).stepIds().get(0));
    }

    @Override
    public String describeScheduled(java.time.LocalDate date) {
        AddJobFlowStepsRequest request = scheduledRequest(date);
        StepConfig step = request.steps().get(0);
        com.fasterxml.jackson.databind.node.ObjectNode root = JSON.createObjectNode().put("JobFlowId", request.jobFlowId());
        executionRoleArn.ifPresent(role -> root.put("ExecutionRoleArn", role));
        com.fasterxml.jackson.databind.node.ObjectNode node = root.putArray("Steps").addObject().put("Name", step.name())
                .put("ActionOnFailure", step.actionOnFailureAsString());
        com.fasterxml.jackson.databind.node.ObjectNode jar = node.putObject("HadoopJarStep").put("Jar", step.hadoopJarStep().jar());
        step.hadoopJarStep().args().forEach(jar.putArray("Args")::add);
        return root.toPrettyString();
    }

    /** The daily step's request; the deployment's step definitions are checked against it. */
    public AddJobFlowStepsRequest scheduledRequest(java.time.LocalDate date) {
        List<String> args = new ArrayList<>(List.of("spark-submit", "--deploy-mode", "cluster", "--class", "io.dataexporter.jobs.export.ScheduledExport",
                "--conf", "spark.sql.session.timeZone=UTC", "--conf", "spark.scheduler.mode=FAIR", "--jars", CONNECTOR_JARS, jobsJar, "--env", env,
                "--date", date.toString()));
        StepConfig step = StepConfig.builder().name("data-exporter scheduled " + date)
                .actionOnFailure(ActionOnFailure.CONTINUE)
                .hadoopJarStep(HadoopJarStepConfig.builder().jar("command-runner.jar").args(args).build()).build();
        return AddJobFlowStepsRequest.builder().jobFlowId(clusterId).steps(step).executionRoleArn(executionRoleArn.orElse(null)).build();
    }

    @Override
    public void cancel(String launcherRef) {
        if (launcherRef.startsWith(PREFIX)) {
            emr.cancelSteps(CancelStepsRequest.builder().clusterId(clusterId).stepIds(launcherRef.substring(PREFIX.length())).build());
        }
    }

    private static String stepName(RangeRequest request) {
        return "data-exporter range " + request.id();
    }

    public AddJobFlowStepsRequest request(RangeRequest request) {
        List<String> args = new ArrayList<>(List.of("spark-submit", "--deploy-mode", "cluster", "--class", "io.dataexporter.jobs.range.RangeExport",
                "--conf", "spark.sql.session.timeZone=UTC", "--jars", CONNECTOR_JARS, jobsJar,
                "--start", String.valueOf(request.startTime()), "--end", String.valueOf(request.endTime()),
                "--request-id", request.id().toString(), "--env", env));
        StepConfig step = StepConfig.builder().name(stepName(request)).actionOnFailure(ActionOnFailure.CONTINUE)
                .hadoopJarStep(HadoopJarStepConfig.builder().jar("command-runner.jar").args(args).build()).build();
        return AddJobFlowStepsRequest.builder().jobFlowId(clusterId).steps(step).executionRoleArn(executionRoleArn.orElse(null)).build();
    }
}
