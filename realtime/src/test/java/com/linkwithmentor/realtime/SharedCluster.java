package com.linkwithmentor.realtime;

import java.util.Map;

import com.linkwithmentor.testsupport.TestServers;

/** One instance most test classes share (started once per JVM; each test makes its own users and rooms). */
final class SharedCluster {

    private static SocketCluster cluster;

    private SharedCluster() {
    }

    static synchronized SocketCluster get() {
        if (cluster == null) {
            cluster = SocketCluster.start(1, TestServers.redis().url(), Map.of(
                    // Small, so the slow-client test overflows a queue in moments.
                    "lwm.realtime.outbound-max-bytes", "256KB",
                    "lwm.realtime.socket-send-buffer", "16KB",
                    "lwm.realtime.max-frame-bytes", "16KB",
                    "lwm.realtime.allowed-origins", "https://app.example"));
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "socket-cluster-stop"));
        }
        return cluster;
    }
}
