package io.dataexporter.common.config;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The export config in DynamoDB, against moto's DynamoDB (a third-party AWS emulator). */
class DynamoDbExportTablesMotoIT extends DynamoDbExportTablesContract {

    @BeforeAll
    static void start() {
        io.dataexporter.common.aws.MotoServer moto = io.dataexporter.common.aws.MotoServer.get();
        moto.reset();
        dynamoDb = DynamoDbClient.builder().endpointOverride(moto.endpoint()).region(Region.AP_SOUTHEAST_2)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("moto", "moto"))).build();
    }

    @AfterAll
    static void stop() {
        dynamoDb.close();
    }
}
