package io.dataexporter.common.config;

import java.net.URI;
import java.util.Optional;

/**
 * How to reach S3: an endpoint override and static keys for the local S3 server, or neither on AWS (the instance's
 * credentials). {@link #toString()} leaves the secret out.
 */
public record S3Access(String bucket, Optional<URI> endpoint, String region, Optional<String> accessKey, Optional<String> secretKey) {

    public S3Access {
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("Bucket name '" + bucket + "' is not a valid S3 bucket name (3-63 lower-case letters, digits, dots, hyphens)");
        }
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new IllegalArgumentException("Set both s3.access-key and s3.secret-key, or neither (to use the instance's credentials)");
        }
    }

    @Override
    public String toString() {
        return "S3Access[bucket=" + bucket + ", endpoint=" + endpoint.map(URI::toString).orElse("AWS") + ", region=" + region
                + ", accessKey=" + accessKey.orElse("(instance credentials)") + ", secretKey=****]";
    }
}
