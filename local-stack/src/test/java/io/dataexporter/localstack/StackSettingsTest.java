package io.dataexporter.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

    @Test
    void constructor_whenPortsClash_saysSo() {
        assertThatThrownBy(() -> new StackSettings(Path.of("x"), 9000, 9000, "bucket"))
                .hasMessage("Cannot start the stack: PostgreSQL and S3 both asked for port 9000; give them different ports");
    }

    @Test
    void constructor_whenPortOutOfRange_namesIt() {
        assertThatThrownBy(() -> new StackSettings(Path.of("x"), 70000, 9000, "bucket"))
                .hasMessage("Cannot start the stack: PostgreSQL port 70000 is out of range (1-65535, or 0 for any free port)");
    }

    @Test
    void constructor_whenBucketInvalid_namesIt() {
        assertThatThrownBy(() -> new StackSettings(Path.of("x"), 1, 2, "Bad_Bucket"))
                .hasMessage("Cannot start the stack: bucket 'Bad_Bucket' is not a valid S3 bucket name (3-63 lower-case letters, digits, '.', '-')");
    }

    @Test
    void defaults_pinsPortsBucketAndFile() {
        StackSettings settings = StackSettings.defaults(StackSettings.DEFAULT_DIRECTORY);
        assertThat(settings).isEqualTo(new StackSettings(Path.of(".data-exporter"), 15432, 19000, "data-exporter"));
        assertThat(settings.propertiesFile()).isEqualTo(Path.of(".data-exporter/stack.properties"));
    }
}
