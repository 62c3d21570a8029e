package io.dataexporter.jobs.notify;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/** Publishes the notification to an SNS topic (AWS SDK v2): the subject as the SNS subject, the JSON as the message. */
public final class SnsNotifier implements Notifier {

    private final SnsClient sns;
    private final String topicArn;

    public SnsNotifier(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void send(String subject, String json) {
        sns.publish(request(subject, json));
    }

    public PublishRequest request(String subject, String json) {
        return PublishRequest.builder().topicArn(topicArn).subject(subject).message(json).build();
    }
}
