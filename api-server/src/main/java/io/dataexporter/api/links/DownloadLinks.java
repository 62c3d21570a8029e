package io.dataexporter.api.links;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexporter.common.range.RangeLayout;
import io.dataexporter.common.range.RangeRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The download links of a completed request: for each table folder, the request's {@code manifest} is read and only
 * the files it lists are signed, afresh on every call.
 */
public final class DownloadLinks {

    /** Links by table, when they expire, and a warning if the signing credentials expire sooner. */
    public record Signed(Map<String, List<String>> byTable, Instant expiresAt, Optional<String> warning) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final UrlSigner signer;
    private final String bucket;
    private final String env;
    private final Duration ttl;
    private final Clock clock;

    public DownloadLinks(S3Client s3, UrlSigner signer, String bucket, String env, Duration ttl, Clock clock) {
        this.s3 = s3;
        this.signer = signer;
        this.bucket = bucket;
        this.env = env;
        this.ttl = ttl;
        this.clock = clock;
    }

    public Signed sign(RangeRequest request) {
        Instant now = clock.instant();
        Map<String, List<String>> links = new TreeMap<>();
        for (String table : tables()) {
            String folder = RangeLayout.folder(env, table, request.startTime(), request.endTime(), request.id());
            manifestKeys(folder + RangeLayout.MANIFEST).ifPresent(keys -> links.put(table, keys.stream().map(key -> signer.sign(key, ttl)).toList()));
        }
        Instant linkExpiry = now.plus(ttl);
        Optional<Instant> earlier = signer.credentialsExpiry().filter(expiry -> expiry.isBefore(linkExpiry));
        Optional<String> warning = earlier.map(expiry -> "The signing credentials expire at " + expiry + ", before the links' " + linkExpiry
                + "; the links stop working then. Call requestStatus again after that for fresh links.");
        return new Signed(links, earlier.orElse(linkExpiry), warning);
    }

    private List<String> tables() {
        List<String> tables = new ArrayList<>();
        String prefix = RangeLayout.servicePrefix(env);
        s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).delimiter("/").build())
                .commonPrefixes().stream().map(CommonPrefix::prefix)
                .forEach(folder -> tables.add(folder.substring(prefix.length(), folder.length() - 1)));
        return tables;
    }

    private Optional<List<String>> manifestKeys(String manifestKey) {
        try {
            JsonNode manifest = JSON.readTree(s3.getObjectAsBytes(get -> get.bucket(bucket).key(manifestKey)).asUtf8String());
            List<String> keys = new ArrayList<>();
            String bucketPrefix = "s3://" + bucket + "/";
            for (JsonNode entry : manifest.get("entries")) {
                String url = entry.get("url").asText();
                if (!url.startsWith(bucketPrefix)) {
                    throw new IllegalStateException("Manifest " + manifestKey + " names " + url + ", outside bucket " + bucket);
                }
                keys.add(url.substring(bucketPrefix.length()));
            }
            return Optional.of(keys);
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read manifest " + manifestKey + ": " + e.getMessage(), e);
        }
    }
}
