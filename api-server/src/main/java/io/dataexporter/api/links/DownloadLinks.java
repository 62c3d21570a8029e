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

    /** Links by table, when they expire, and a warning if the signing credentials expire sooner. */
    public record Signed(Map<String, List<String>> byTable, Instant expiresAt, Optional<String> warning) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CACHED_REQUESTS = 256;

    private final S3Client s3;
    private final UrlSigner signer;
    private final String bucket;
    private final String env;
    private final Duration ttl;
    private final Clock clock;
    private final Map<java.util.UUID, Map<String, List<String>>> keysByRequest = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<java.util.UUID, Map<String, List<String>>> eldest) {
                    return size() > CACHED_REQUESTS;
                }
            });

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
        keys(request).forEach((table, keys) -> links.put(table, keys.stream().map(key -> signer.sign(key, ttl)).toList()));
        Instant linkExpiry = now.plus(ttl);
        Optional<Instant> earlier = signer.credentialsExpiry().filter(expiry -> expiry.isBefore(linkExpiry));
        Optional<String> warning = earlier.map(expiry -> "The signing credentials expire at " + expiry + ", before the links' " + linkExpiry
                + "; the links stop working then. Call requestStatus again after that for fresh links.");
        return new Signed(links, earlier.orElse(linkExpiry), warning);
    }

    private Map<String, List<String>> keys(RangeRequest request) {
        Map<String, List<String>> cached = keysByRequest.get(request.id());
        if (cached != null) {
            return cached;
        }
        Map<String, List<String>> keys = new TreeMap<>();
        for (String table : tables()) {
            String folder = RangeLayout.folder(env, table, request.startTime(), request.endTime(), request.id());
            manifestKeys(folder, folder + RangeLayout.MANIFEST).ifPresent(found -> keys.put(table, found));
        }
        keysByRequest.put(request.id(), Map.copyOf(keys));
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
