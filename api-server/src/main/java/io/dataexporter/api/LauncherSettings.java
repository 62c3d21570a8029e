package io.dataexporter.api;

import io.dataexporter.common.config.ConfigSources;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a queued range request is launched ({@code api.launcher}): a local process (the local stack), an EMR step, an EMR
 * Serverless job run, or none here (the launcher process launches). Each kind carries exactly the settings it needs, so
 * a launcher is never built without them.
 */
public sealed interface LauncherSettings {

    /** The values of {@code api.launcher}. */
    enum Kind { LOCAL, EMR_STEP, EMR_SERVERLESS, NONE }

    Kind kind();

    /** One function per kind, so that a new kind does not compile until every caller handles it. */
    <R> R match(Function<Local, R> local, Function<EmrStep, R> emrStep, Function<EmrServerless, R> emrServerless, Function<None, R> none);

    /** How the setting spells this kind, e.g. {@code emr-step}. */
    default String spelling() {
        return ConfigSources.spelling(kind());
    }

    record Local() implements LauncherSettings {
        @Override
        public Kind kind() {
            return Kind.LOCAL;
        }

        @Override
        public <R> R match(Function<Local, R> local, Function<EmrStep, R> emrStep, Function<EmrServerless, R> emrServerless, Function<None, R> none) {
            return local.apply(this);
        }
    }

    /** Steps added to a running cluster, each as the runtime role. */
    record EmrStep(String clusterId, String jar, String executionRoleArn, Optional<URI> endpoint) implements LauncherSettings {
        @Override
        public Kind kind() {
            return Kind.EMR_STEP;
        }

        @Override
        public <R> R match(Function<Local, R> local, Function<EmrStep, R> emrStep, Function<EmrServerless, R> emrServerless, Function<None, R> none) {
            return emrStep.apply(this);
        }
    }

    record EmrServerless(String applicationId, String roleArn, String jar, Optional<URI> endpoint) implements LauncherSettings {
        @Override
        public Kind kind() {
            return Kind.EMR_SERVERLESS;
        }

        @Override
        public <R> R match(Function<Local, R> local, Function<EmrStep, R> emrStep, Function<EmrServerless, R> emrServerless, Function<None, R> none) {
            return emrServerless.apply(this);
        }
    }

    /** {@code api.launcher=none}: the API server only queues requests, and holds no EMR client. */
    record None() implements LauncherSettings {
        @Override
        public Kind kind() {
            return Kind.NONE;
        }

        @Override
        public <R> R match(Function<Local, R> local, Function<EmrStep, R> emrStep, Function<EmrServerless, R> emrServerless, Function<None, R> none) {
            return none.apply(this);
        }
    }
}
