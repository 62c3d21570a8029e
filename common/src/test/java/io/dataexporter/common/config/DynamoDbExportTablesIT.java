package io.dataexporter.common.config;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The export config in DynamoDB, against DynamoDB Local (AWS's own emulator) running in this JVM. */
class DynamoDbExportTablesIT extends DynamoDbExportTablesContract {

    private static DynamoDBProxyServer server;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = ServerRunner.createServerFromCommandLineArgs(new String[] {"-inMemory", "-port", String.valueOf(port)});
        server.start();
        dynamoDb = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.AP_SOUTHEAST_2)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    }

    @AfterAll
    static void stop() throws Exception {
        dynamoDb.close();
        server.stop();
    }
}
