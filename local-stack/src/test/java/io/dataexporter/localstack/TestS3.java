package io.dataexporter.localstack;

import io.dataexporter.common.config.StackEndpoints;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** An AWS SDK v2 S3 client for a local stack's S3 server, as tests use it to look at what the product wrote. */
public final class TestS3 {

    private TestS3() {
    }

    public static S3Client client(StackEndpoints endpoints) {
        return S3Client.builder()
                .endpointOverride(endpoints.s3Endpoint())
                .region(Region.of(endpoints.s3Region()))
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(endpoints.s3AccessKey(), endpoints.s3SecretKey())))
                .build();
    }
}
