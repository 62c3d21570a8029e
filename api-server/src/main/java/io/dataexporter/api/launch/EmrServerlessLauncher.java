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
        return state == JobRunState.SUCCESS || state == JobRunState.FAILED || state == JobRunState.CANCELLED ? State.ENDED : State.RUNNING;
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
