package io.dataexporter.jobs.config;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/** Where the run's notification goes: the log, a webhook or an SNS topic. */
public sealed interface NotifierSettings {

    /** The values of its {@code .kind} setting. */
    enum Kind { LOG, WEBHOOK, SNS }

    <R> R match(Function<Log, R> log, Function<Webhook, R> webhook, Function<Sns, R> sns);

    record Log() implements NotifierSettings {
        @Override
        public <R> R match(Function<Log, R> log, Function<Webhook, R> webhook, Function<Sns, R> sns) {
            return log.apply(this);
        }
    }

    record Webhook(URI url) implements NotifierSettings {
        @Override
        public <R> R match(Function<Log, R> log, Function<Webhook, R> webhook, Function<Sns, R> sns) {
            return webhook.apply(this);
        }
    }

    record Sns(String topicArn, Optional<URI> endpoint) implements NotifierSettings {
        @Override
        public <R> R match(Function<Log, R> log, Function<Webhook, R> webhook, Function<Sns, R> sns) {
            return sns.apply(this);
        }
    }
}
