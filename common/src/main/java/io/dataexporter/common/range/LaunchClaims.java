package io.dataexporter.common.range;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The launcher's view of the requests: it claims queued ones, records what it launched, and fails those that stopped. */
public interface LaunchClaims {

    /** The launcher reference of a request claimed for launch whose launcher has not answered yet. */
    String LAUNCHING = "launching";

    /**
     * Claims queued requests for launch while fewer than {@code maxRunning} run, oldest first, in one locked transaction:
     * each is marked launching and returned; a claim still marked launching {@code launchGrace} after it was made (its
     * server stopped between claim and launch) is claimed again first, taking no new slot.
     */
    List<RangeRequest> claimForLaunch(int maxRunning, Duration launchGrace);

    /** Whether the request is still In Progress and claimed for launch, not yet launched: what a launch checks first. */
    boolean stillClaimed(UUID id);

    /** Records what a launch started; false when the request is no longer In Progress (the caller cancels it). */
    boolean launcherRef(UUID id, String launcherRef);

    /** Fails launched requests past their lease or start deadline; returns them, so that what they launched is cancelled. */
    List<RangeRequest> expire(Duration lease, Duration startDeadline);

    /** Launched requests whose job has not sent its first heartbeat yet. */
    List<RangeRequest> launchedNotStarted();

    /** Fails a launched request whose job has not started; false if it started (or ended) meanwhile. */
    boolean failIfNotStarted(UUID id, String message);

    void failed(UUID id, String message);
}
