package io.dataexporter.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class HashPepperIT {

    @Test
    void localPepper_isCreatedOwnerOnly_wholeAndOnce_andReadBackTheSame() throws Exception {
        Path folder = Files.createTempDirectory(Path.of("target"), "pepper-");
        Path file = folder.resolve(HashPepper.LOCAL_FILE);

        String created = HashPepper.localPepper(file);

        assertThat(created).matches("[0-9a-f]{64}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly(HashPepper.LOCAL_FILE);
        }
        assertThat(HashPepper.localPepper(file)).isEqualTo(created);
    }
}
