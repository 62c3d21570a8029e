package io.dataexporter.api.links;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** {@link UrlSigner} with the AWS SDK v2 {@link S3Presigner} (SigV4 query signing). */
public final class S3UrlSigner implements UrlSigner {

    private final S3Presigner presigner;
    private final AwsCredentialsProvider credentials;
    private final String bucket;

    public S3UrlSigner(S3Presigner presigner, AwsCredentialsProvider credentials, String bucket) {
        this.presigner = presigner;
        this.credentials = credentials;
        this.bucket = bucket;
    }

    @Override
    public String sign(String key, Duration ttl) {
        return presigner.presignGetObject(request -> request.signatureDuration(ttl).getObjectRequest(get -> get.bucket(bucket).key(key)))
                .url().toString();
    }

    @Override
    public Optional<Instant> credentialsExpiry() {
        AwsCredentials resolved = credentials.resolveCredentials();
        return resolved instanceof AwsSessionCredentials session ? session.expirationTime() : Optional.empty();
    }
}
