package com.linkwithmentor.meeting;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the shared cluster when the test run ends, while PostgreSQL and Redis still run: stopped
 * from a JVM shutdown hook instead, its consumers would race the servers' own hooks and wait out
 * their back-off before the JVM may exit.
 */
public final class ClusterShutdown implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        MeetingCluster.stopShared();
    }
}
