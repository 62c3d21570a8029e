package io.dataexporter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexporter.api.links.DownloadLinks;
import io.dataexporter.api.links.UrlSigner;
import io.dataexporter.common.range.RangeLayout;
import io.dataexporter.common.range.RangeRequest;
import io.dataexporter.common.range.RequestStatus;
import io.dataexporter.localstack.TestS3;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Links of a completed request: only the manifest's files, signed for a day, downloadable; a tampered link is refused. */
class DownloadLinksIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void requestStatus_whenCompleted_linksExactlyTheManifestsFiles_andATamperedLinkGets403() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-10-06T00:00:00Z"), ZoneOffset.UTC);
        try (ApiHarness harness = new ApiHarness(Map.of("export.env", "it-links"), clock)) {
            UUID id = UUID.fromString("0f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f");
            harness.sql("DELETE FROM de_internal.request_table", "INSERT INTO de_internal.request_table (de_request_id, start_time, end_time, status, progress,"
                    + " launcher_ref, requested_by) VALUES ('" + id + "', 1791036000, 1791039600, 'Completed', 100, 'test', 'it-client')");
            String folder = RangeLayout.folder("it-links", "way_speed", 1791036000, 1791039600, id);
            String bucket = harness.stack.endpoints().bucket();
            try (S3Client s3 = s3(harness)) {
                s3.putObject(put -> put.bucket(bucket).key(folder + "way_speed_000.parquet"), RequestBody.fromString("file zero"));
                s3.putObject(put -> put.bucket(bucket).key(folder + "way_speed_001.parquet"), RequestBody.fromString("file one"));
                s3.putObject(put -> put.bucket(bucket).key(folder + "stray.parquet"), RequestBody.fromString("not in the manifest"));
                s3.putObject(put -> put.bucket(bucket).key(folder + "manifest"), RequestBody.fromString("{\"entries\":["
                        + "{\"url\":\"s3://" + bucket + "/" + folder + "way_speed_000.parquet\",\"meta\":{\"content_length\":9,\"record_count\":1}},"
                        + "{\"url\":\"s3://" + bucket + "/" + folder + "way_speed_001.parquet\",\"meta\":{\"content_length\":8,\"record_count\":1}}],"
                        + "\"schema\":{\"elements\":[]},\"meta\":{\"content_length\":17,\"record_count\":2}}"));
            }

            JsonNode status = harness.graphql("mutation { requestStatus(requestId: \"" + id + "\") { status progress dataRequestDownloadLinks linksExpireAt linksWarning } }")
                    .get("data").get("requestStatus");

            assertThat(status.get("status").asText()).isEqualTo("Completed");
            assertThat(status.get("progress").asDouble()).isEqualTo(100.0);
            assertThat(status.get("linksExpireAt").asText()).isEqualTo("2026-10-07T00:00:00Z");
            assertThat(status.get("linksWarning").isNull()).isTrue();
            JsonNode links = JSON.readTree(status.get("dataRequestDownloadLinks").asText());
            assertThat(links.size()).isEqualTo(1);
            assertThat(links.get("way_speed").size()).as("one link per manifest entry, none for the stray file").isEqualTo(2);
            List<String> urls = List.of(links.get("way_speed").get(0).asText(), links.get("way_speed").get(1).asText());
            assertThat(urls.get(0)).contains(folder + "way_speed_000.parquet?").contains("X-Amz-Expires=86400");
            assertThat(download(harness, urls.get(0))).isEqualTo("200 file zero");
            assertThat(download(harness, urls.get(1))).isEqualTo("200 file one");
            String tampered = urls.get(0).replace("way_speed_000.parquet", "stray.parquet");
            assertThat(download(harness, tampered)).startsWith("403 ");
        }
    }

    @Test
    void requestStatus_whenAnExportedTablesFilesAreGone_saysFailedNamingTheTable_andSignsNothing() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-10-06T00:00:00Z"), ZoneOffset.UTC);
        try (ApiHarness harness = new ApiHarness(Map.of("export.env", "it-links-gone"), clock)) {
            UUID id = UUID.fromString("2f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f");
            harness.sql("DELETE FROM de_internal.request_table", "INSERT INTO de_internal.request_table (de_request_id, start_time, end_time, status, progress,"
                    + " launcher_ref, exported_tables, requested_by) VALUES ('" + id + "', 1791036000, 1791039600, 'Completed', 100, 'test', 'incident,way_speed',"
                    + " 'it-client')");
            String bucket = harness.stack.endpoints().bucket();
            String folder = RangeLayout.folder("it-links-gone", "way_speed", 1791036000, 1791039600, id);
            try (S3Client s3 = s3(harness)) {
                s3.putObject(put -> put.bucket(bucket).key(folder + "manifest"), RequestBody.fromString("{\"entries\":[{\"url\":\"s3://" + bucket + "/"
                        + folder + "way_speed_000.parquet\",\"meta\":{\"content_length\":1,\"record_count\":1}}]}"));
            }

            JsonNode status = harness.graphql("query { requestStatus(requestId: \"" + id + "\") { status error dataRequestDownloadLinks } }")
                    .get("data").get("requestStatus");

            assertThat(status.get("status").asText()).isEqualTo("Failed");
            assertThat(status.get("error").asText()).isEqualTo("The files of table(s) incident, way_speed of this request are no longer in the bucket"
                    + " (removed by retention or by hand). Request the range again.");
            assertThat(status.get("dataRequestDownloadLinks").isNull()).isTrue();
        }
    }

    @Test
    void sign_whenTheSigningCredentialsExpireBeforeTheLinks_reportsTheEarlierExpiryAndWarns() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-10-06T00:00:00Z"), ZoneOffset.UTC);
        try (ApiHarness harness = new ApiHarness(Map.of("export.env", "it-links-expiry"), clock); S3Client s3 = s3(harness)) {
            UUID id = UUID.fromString("1f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f");
            String bucket = harness.stack.endpoints().bucket();
            String folder = RangeLayout.folder("it-links-expiry", "incident", 1791036000, 1791039600, id);
            s3.putObject(put -> put.bucket(bucket).key(folder + "incident_000.parquet"), RequestBody.fromString("x"));
            s3.putObject(put -> put.bucket(bucket).key(folder + "manifest"), RequestBody.fromString("{\"entries\":[{\"url\":\"s3://" + bucket + "/" + folder
                    + "incident_000.parquet\",\"meta\":{\"content_length\":1,\"record_count\":1}}]}"));
            UrlSigner sessionSigner = new UrlSigner() {
                @Override
                public String sign(String key, Duration ttl) {
                    return "signed:" + key + ":" + ttl.toSeconds();
                }

                @Override
                public Optional<Instant> credentialsExpiry() {
                    return Optional.of(Instant.parse("2026-10-06T01:00:00Z"));
                }
            };
            RangeRequest request = new RangeRequest(id, 1791036000, 1791039600, RequestStatus.COMPLETED, 100, Optional.empty(), Optional.of("test"),
                    clock.instant(), Optional.empty(), Optional.of("it-client"), List.of("incident"));

            DownloadLinks.Signed signed = new DownloadLinks(s3, sessionSigner, bucket, "it-links-expiry", Duration.ofDays(1), clock).sign(request);

            assertThat(signed.byTable()).isEqualTo(Map.of("incident", List.of("signed:" + folder + "incident_000.parquet:86400")));
            assertThat(signed.expiresAt()).isEqualTo(Instant.parse("2026-10-06T01:00:00Z"));
            assertThat(signed.warning()).contains("The signing credentials expire at 2026-10-06T01:00:00Z, before the links' 2026-10-07T00:00:00Z;"
                    + " the links stop working then. Call requestStatus again after that for fresh links.");
        }
    }

    private static String download(ApiHarness harness, String url) throws Exception {
        HttpResponse<byte[]> response = harness.http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
    }

    private static S3Client s3(ApiHarness harness) {
        return TestS3.client(harness.stack.endpoints());
    }
}
