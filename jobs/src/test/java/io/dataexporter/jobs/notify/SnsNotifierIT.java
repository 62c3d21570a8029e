package io.dataexporter.jobs.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/** The SNS Publish request as AWS receives it, checked by a local HTTP endpoint that answers like SNS. */
class SnsNotifierIT {

    @Test
    void send_publishesSubjectAndJsonToTheTopic_signedForSns() throws Exception {
        List<String> bodies;
        List<String> authorizations;
        try (SnsEndpoint endpoint = new SnsEndpoint();
             SnsClient sns = SnsClient.builder().endpointOverride(endpoint.uri())
                .region(Region.AP_SOUTHEAST_2).httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"))).build()) {
            new SnsNotifier(sns, "arn:aws:sns:ap-southeast-2:123456789012:data-exporter-runs")
                    .send("Data Exporter prod 2026-10-04: SUCCESS (6 of 6 tables completed)", "{\"status\":\"SUCCESS\"}");
            bodies = endpoint.bodies();
            authorizations = endpoint.authorizations();
        }

        assertThat(bodies).hasSize(1);
        assertThat(form(bodies.get(0))).isEqualTo(new TreeMap<>(Map.of("Action", "Publish", "Version", "2010-03-31",
                "TopicArn", "arn:aws:sns:ap-southeast-2:123456789012:data-exporter-runs",
                "Subject", "Data Exporter prod 2026-10-04: SUCCESS (6 of 6 tables completed)", "Message", "{\"status\":\"SUCCESS\"}")));
        assertThat(authorizations.get(0)).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/").contains("/ap-southeast-2/sns/aws4_request");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new TreeMap<>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return values;
    }
}
