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
 * the files it lists inside the request's own folder are signed, afresh on every call. A completed request's files
 * never change, so what its manifests list is read once and kept (for the most recent requests).
 */
public final class DownloadLinks {

    /**
     * Links by table, when they expire, a warning if the signing credentials expire sooner, and the tables the export
     * wrote whose files are no longer all in the bucket (then there are no links).
     */
    public record Signed(Map<String, List<String>> byTable, Instant expiresAt, Optional<String> warning, List<String> missingTables) {
    }

    // What a request's manifests list, checked against the bucket; kept for a while, as files can still be removed.
    private record Listed(Map<String, List<String>> keys, List<String> missing, Instant checkedAt) {
    }

    private static final Duration RECHECK_AFTER = Duration.ofMinutes(10);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CACHED_REQUESTS = 256;

    private final S3Client s3;
    private final UrlSigner signer;
    private final String bucket;
    private final String env;
    private final Duration ttl;
    private final Clock clock;
    private final com.github.benmanes.caffeine.cache.Cache<java.util.UUID, Listed> keysByRequest = com.github.benmanes.caffeine.cache.Caffeine
            .newBuilder().maximumSize(CACHED_REQUESTS).build();

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
        Listed listed = keys(request, now);
        Map<String, List<String>> links = new TreeMap<>();
        if (listed.missing().isEmpty()) {
            listed.keys().forEach((table, keys) -> links.put(table, keys.stream().map(key -> signer.sign(key, ttl)).toList()));
        }
        Instant linkExpiry = now.plus(ttl);
        Optional<Instant> earlier = signer.credentialsExpiry().filter(expiry -> expiry.isBefore(linkExpiry));
        Optional<String> warning = earlier.map(expiry -> "The signing credentials expire at " + expiry + ", before the links' " + linkExpiry
                + "; the links stop working then. Call requestStatus again after that for fresh links.");
        return new Signed(links, earlier.orElse(linkExpiry), warning, listed.missing());
    }

    private Listed keys(RangeRequest request, Instant now) {
        Listed cached = keysByRequest.getIfPresent(request.id());
        if (cached != null && cached.checkedAt().plus(RECHECK_AFTER).isAfter(now)) {
            return cached;
        }
        Map<String, List<String>> keys = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        // Rows written before exported_tables existed name no tables: then whatever folders the request has.
        for (String table : request.exportedTables().isEmpty() ? tables() : request.exportedTables()) {
            String folder = RangeLayout.folder(env, table, request.startTime(), request.endTime(), request.id());
            Optional<List<String>> listedKeys = manifestKeys(folder, folder + RangeLayout.MANIFEST);
            if (listedKeys.isPresent() && present(folder).containsAll(listedKeys.get())) {
                keys.put(table, listedKeys.get());
            } else {
                missing.add(table);
            }
        }
        Listed listed = new Listed(Map.copyOf(keys), List.copyOf(missing), now);
        keysByRequest.put(request.id(), listed);
        return listed;
    }

    private java.util.Set<String> present(String folder) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(folder).build()).contents()
                .forEach(object -> keys.add(object.key()));
        return keys;
    }

    private List<String> tables() {
        List<String> tables = new ArrayList<>();
        String prefix = RangeLayout.servicePrefix(env);
        s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).delimiter("/").build())
                .commonPrefixes().stream().map(CommonPrefix::prefix)
                .forEach(folder -> tables.add(folder.substring(prefix.length(), folder.length() - 1)));
        return tables;
    }

    private Optional<List<String>> manifestKeys(String folder, String manifestKey) {
        try {
            JsonNode manifest = JSON.readTree(s3.getObjectAsBytes(get -> get.bucket(bucket).key(manifestKey)).asUtf8String());
            List<String> keys = new ArrayList<>();
            String bucketPrefix = "s3://" + bucket + "/";
            for (JsonNode entry : manifest.get("entries")) {
                String url = entry.get("url").asText();
                if (!url.startsWith(bucketPrefix + folder) || url.substring((bucketPrefix + folder).length()).contains("/")) {
                    throw new IllegalStateException("Manifest " + manifestKey + " names " + url + ", outside the request's folder " + bucketPrefix + folder);
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
