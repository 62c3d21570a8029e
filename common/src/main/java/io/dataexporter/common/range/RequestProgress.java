package io.dataexporter.common.range;

import java.util.List;
import java.util.UUID;

/** The range export's view of its request: its heartbeat, progress and outcome. */
public interface RequestProgress {

    /** Creates a request that is already launched (a range export started from the command line). */
    void createLaunched(UUID id, long start, long end, String launcherRef);

    /** The running job's heartbeat; false when the request is no longer In Progress (failed over), so the job should stop. */
    boolean heartbeat(UUID id);

    void progress(UUID id, double progress);

    /** The export wrote every table it lists; the API checks later that their files are still there. */
    void completed(UUID id, List<String> exportedTables);

    void failed(UUID id, String message);
}
