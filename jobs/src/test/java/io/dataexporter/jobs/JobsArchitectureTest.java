package io.dataexporter.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexporter.common.architecture.ClassReferences;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The jobs (what EMR runs) depend inward only: never on the API server, the operator CLI, the local stack or the emulated Redshift. */
class JobsArchitectureTest {

    @Test
    void classpath_hasNeitherTheApiServerNorTheCli() {
        assertThatThrownBy(() -> Class.forName("io.dataexporter.api.ApiApplication")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.dataexporter.cli.DataExporterCli")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("graphql.GraphQL")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void mainClasses_referenceNeitherTheApiServerNorTheCliNorTheLocalStackNorTheEmulatedRedshift() {
        assertThat(ClassReferences.forbidden(Path.of("target/classes"), List.of("io.dataexporter.api.", "io.dataexporter.cli.",
                "io.dataexporter.localstack.", "io.dataexporter.redshiftemulator.", "io.zonky.", "org.gaul."))).isEmpty();
    }
}
