package io.dataexporter.api.launch;

import io.dataexporter.common.range.RangeRequest;
import java.util.List;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.CancelJobRunRequest;
import software.amazon.awssdk.services.emrserverless.model.GetJobRunRequest;
import software.amazon.awssdk.services.emrserverless.model.JobDriver;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.emrserverless.model.SparkSubmit;
import software.amazon.awssdk.services.emrserverless.model.StartJobRunRequest;

/** Starts the range export as an EMR Serverless job run; the request id is the client token, so a retried call starts one run. */
public final class EmrServerlessLauncher implements Launcher {

    private final EmrServerlessClient emrServerless;
    private final String applicationId;
    private final String roleArn;
    private final String jobsJar;
    private final String env;

    public EmrServerlessLauncher(EmrServerlessClient emrServerless, String applicationId, String roleArn, String jobsJar, String env) {
        this.emrServerless = emrServerless;
        this.applicationId = applicationId;
        this.roleArn = roleArn;
        this.jobsJar = jobsJar;
        this.env = env;
    }

    private static final String PREFIX = "emr-serverless job ";

    /** StartJobRun with the request id as client token: a repeated call returns the same job run instead of a second one. */
    @Override
    public String launch(RangeRequest request) {
        return PREFIX + emrServerless.startJobRun(request(request)).jobRunId();
    }

    @Override
    public State state(String launcherRef) {
        if (!launcherRef.startsWith(PREFIX)) {
            return State.UNKNOWN;
        }
        JobRunState state = emrServerless.getJobRun(GetJobRunRequest.builder().applicationId(applicationId).jobRunId(launcherRef.substring(PREFIX.length()))
                .build()).jobRun().state();
        return switch (state) {
            case SUCCESS -> State.SUCCEEDED;
            case FAILED, CANCELLED -> State.FAILED;
            case UNKNOWN_TO_SDK_VERSION -> State.UNKNOWN;
            default -> State.RUNNING;
        };
    }

    @Override
    public String launchScheduled(java.time.LocalDate date) {
        return PREFIX + emrServerless.startJobRun(scheduledRequest(date)).jobRunId();
    }

    @Override
    public String describeScheduled(java.time.LocalDate date) {
        StartJobRunRequest request = scheduledRequest(date);
        com.fasterxml.jackson.databind.node.ObjectNode root = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("applicationId", request.applicationId()).put("executionRoleArn", request.executionRoleArn()).put("name", request.name())
                .put("clientToken", request.clientToken());
        com.fasterxml.jackson.databind.node.ObjectNode submit = root.putObject("jobDriver").putObject("sparkSubmit")
                .put("entryPoint", request.jobDriver().sparkSubmit().entryPoint());
        request.jobDriver().sparkSubmit().entryPointArguments().forEach(submit.putArray("entryPointArguments")::add);
        submit.put("sparkSubmitParameters", request.jobDriver().sparkSubmit().sparkSubmitParameters());
        return root.toPrettyString();
    }

    // One job run per day: the client token makes a repeated submission for the same day return the same run.
    StartJobRunRequest scheduledRequest(java.time.LocalDate date) {
        List<String> args = List.of("--env", env, "--date", date.toString());
        String day = date.toString();
        SparkSubmit submit = SparkSubmit.builder().entryPoint(jobsJar).entryPointArguments(args)
                .sparkSubmitParameters("--class io.dataexporter.jobs.export.ScheduledExport --conf spark.sql.session.timeZone=UTC"
                        + " --conf spark.scheduler.mode=FAIR --jars " + EmrStepLauncher.CONNECTOR_JARS)
                .build();
        return StartJobRunRequest.builder().applicationId(applicationId).executionRoleArn(roleArn).clientToken("data-exporter-scheduled-" + day)
                .name("data-exporter scheduled " + day).jobDriver(JobDriver.builder().sparkSubmit(submit).build()).build();
    }

    @Override
    public void cancel(String launcherRef) {
        if (launcherRef.startsWith(PREFIX)) {
            emrServerless.cancelJobRun(CancelJobRunRequest.builder().applicationId(applicationId).jobRunId(launcherRef.substring(PREFIX.length())).build());
        }
    }

    public StartJobRunRequest request(RangeRequest request) {
        SparkSubmit submit = SparkSubmit.builder().entryPoint(jobsJar)
                .entryPointArguments(List.of("--start", String.valueOf(request.startTime()), "--end", String.valueOf(request.endTime()),
                        "--request-id", request.id().toString(), "--env", env))
                .sparkSubmitParameters("--class io.dataexporter.jobs.range.RangeExport --conf spark.sql.session.timeZone=UTC --jars "
                        + EmrStepLauncher.CONNECTOR_JARS)
                .build();
        return StartJobRunRequest.builder().applicationId(applicationId).executionRoleArn(roleArn).clientToken(request.id().toString())
                .name("data-exporter range " + request.id()).jobDriver(JobDriver.builder().sparkSubmit(submit).build()).build();
    }
}
