package io.dataexporter.api.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.common.time.MutableClock;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class SigV4UrlSignerTest {

    private static final String BUCKET = "data-exporter";
    private static final String KEY = "prod/data_exporter_service/cctv_event/20261005/1791036000_1791039600/1f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f/"
            + "cctv event_000+ü~(1).parquet";
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void sign_pathStyleUnderAnEndpoint_isTheLinkTheSdkPresignerMakes() {
        AwsCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
        URI endpoint = URI.create("http://127.0.0.1:19000");
        try (S3Presigner sdk = S3Presigner.builder().region(Region.of("ap-southeast-2")).credentialsProvider(credentials).endpointOverride(endpoint)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            URI expected = URI.create(sdk.presignGetObject(r -> r.signatureDuration(DAY).getObjectRequest(g -> g.bucket(BUCKET).key(KEY))).url().toString());

            URI actual = URI.create(new SigV4UrlSigner(credentials, "ap-southeast-2", BUCKET, Optional.of(endpoint), at(expected)).sign(KEY, DAY));

            assertSameLink(actual, expected);
            assertThat(actual.getRawPath()).isEqualTo("/data-exporter/prod/data_exporter_service/cctv_event/20261005/1791036000_1791039600/"
                    + "1f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f/cctv%20event_000%2B%C3%BC~%281%29.parquet");
        }
    }

    @Test
    void sign_virtualHostedOnAwsWithSessionCredentials_isTheLinkTheSdkPresignerMakes() {
        AwsCredentialsProvider credentials = StaticCredentialsProvider.create(AwsSessionCredentials.builder().accessKeyId("ASIAEXAMPLE")
                .secretAccessKey("secret/with+chars").sessionToken("FwoGZXIvYXdzEJr//////////wEaD+token=").build());
        try (S3Presigner sdk = S3Presigner.builder().region(Region.of("ap-southeast-2")).credentialsProvider(credentials).build()) {
            URI expected = URI.create(sdk.presignGetObject(r -> r.signatureDuration(DAY).getObjectRequest(g -> g.bucket(BUCKET).key(KEY))).url().toString());

            URI actual = URI.create(new SigV4UrlSigner(credentials, "ap-southeast-2", BUCKET, Optional.empty(), at(expected)).sign(KEY, DAY));

            assertSameLink(actual, expected);
            assertThat(actual.getHost()).isEqualTo("data-exporter.s3.ap-southeast-2.amazonaws.com");
            assertThat(query(actual)).containsEntry("X-Amz-Security-Token", "FwoGZXIvYXdzEJr//////////wEaD+token=").containsEntry("X-Amz-Expires", "86400");
        }
    }

    @Test
    void sign_inAnotherPartition_takesTheHostTheSdkResolves_notAnAmazonawsComGuess() {
        AwsCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
        try (S3Presigner sdk = S3Presigner.builder().region(Region.of("cn-north-1")).credentialsProvider(credentials).build()) {
            URI expected = URI.create(sdk.presignGetObject(r -> r.signatureDuration(DAY).getObjectRequest(g -> g.bucket(BUCKET).key(KEY))).url().toString());

            URI actual = URI.create(new SigV4UrlSigner(credentials, "cn-north-1", BUCKET, Optional.empty(), at(expected)).sign(KEY, DAY));

            assertSameLink(actual, expected);
            assertThat(actual.getHost()).isEqualTo("data-exporter.s3.cn-north-1.amazonaws.com.cn");
        }
    }

    @Test
    void sign_acrossMidnight_derivesTheNextDaysKey() {
        AwsCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
        MutableClock clock = new MutableClock(Instant.parse("2026-10-05T23:59:59Z"));
        SigV4UrlSigner signer = new SigV4UrlSigner(credentials, "ap-southeast-2", BUCKET, Optional.empty(), clock);

        String before = signer.sign(KEY, DAY);
        clock.set(Instant.parse("2026-10-06T00:00:01Z"));
        String after = signer.sign(KEY, DAY);
        SigV4UrlSigner fresh = new SigV4UrlSigner(credentials, "ap-southeast-2", BUCKET, Optional.empty(), clock);

        assertThat(query(URI.create(before))).containsEntry("X-Amz-Credential", "AKIDEXAMPLE/20261005/ap-southeast-2/s3/aws4_request");
        assertThat(query(URI.create(after))).containsEntry("X-Amz-Credential", "AKIDEXAMPLE/20261006/ap-southeast-2/s3/aws4_request");
        assertThat(after).isEqualTo(fresh.sign(KEY, DAY));
    }

    private static void assertSameLink(URI actual, URI expected) {
        assertThat(actual.getScheme()).isEqualTo(expected.getScheme());
        assertThat(actual.getRawAuthority()).isEqualTo(expected.getRawAuthority());
        assertThat(actual.getRawPath()).isEqualTo(expected.getRawPath());
        assertThat(query(actual)).isEqualTo(query(expected)).containsKey("X-Amz-Signature");
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new TreeMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    // A clock at the instant the SDK signed at, read back from its link.
    private static Clock at(URI presigned) {
        String timestamp = query(presigned).get("X-Amz-Date");
        return Clock.fixed(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).parse(timestamp, Instant::from), ZoneOffset.UTC);
    }
}
