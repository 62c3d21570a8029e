package io.dataexporter.localstack;

import io.dataexporter.common.config.StackEndpoints;
import io.dataexporter.common.config.StackNotRunningException;
import io.dataexporter.common.config.StackProperties;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Finds the stack that {@code bin/data-exporter stack} runs, through its {@code stack.properties}. */
public final class RunningStack {

    private RunningStack() {
    }

    /** The endpoints of the stack under {@code directory}, after checking that its PostgreSQL answers. */
    public static StackEndpoints find(Path directory) {
        Path file = directory.resolve(StackProperties.FILE_NAME);
        StackEndpoints endpoints = StackProperties.read(file);
        DriverManager.setLoginTimeout(3);
        try (Connection ignored = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.user(), endpoints.password())) {
            return endpoints;
        } catch (SQLException e) {
            throw new StackNotRunningException("The stack recorded in " + file.toAbsolutePath() + " does not answer ("
                    + endpoints.jdbcUrl() + ": " + e.getMessage() + "). Start it with 'bin/data-exporter stack --dir "
                    + directory + "'");
        }
    }
}
