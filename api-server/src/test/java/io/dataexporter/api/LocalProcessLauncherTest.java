package io.dataexporter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.api.launch.Launcher;
import io.dataexporter.api.launch.LocalProcessLauncher;
import io.dataexporter.common.range.RangeRequest;
import io.dataexporter.common.range.RequestStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LocalProcessLauncherTest {

    @Test
    void aReferenceNamesItsProcessByPidAndStartTime_soAReusedPidIsNeitherRunningNorCancelled() throws Exception {
        LocalProcessLauncher launcher = new LocalProcessLauncher(List.of("bash", "-c", "sleep 60", "range-export"),
                Files.createTempDirectory(Path.of("target"), "local-launcher"));
        String reference = launcher.launch(new RangeRequest(UUID.randomUUID(), 1791036000, 1791039600, RequestStatus.IN_PROGRESS, 0, Optional.empty(),
                Optional.empty(), Instant.EPOCH, Optional.empty(), Optional.empty(), List.of()));
        long pid = Long.parseLong(reference.split(" ")[2]);
        // the same PID, as a later process would have it after this one ended and the number came round again
        String reused = "local pid " + pid + " started 2001-01-01T00:00:00Z";
        try {
            assertThat(reference).matches("local pid \\d+ started \\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z");
            assertThat(launcher.state(reference)).isEqualTo(Launcher.State.RUNNING);
            assertThat(launcher.state(reused)).isEqualTo(Launcher.State.FAILED);
            launcher.cancel(reused);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        } finally {
            launcher.cancel(reference);
        }
        ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().join());
        assertThat(launcher.state(reference)).isEqualTo(Launcher.State.FAILED);
    }
}
