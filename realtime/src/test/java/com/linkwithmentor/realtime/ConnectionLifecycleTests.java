package com.linkwithmentor.realtime;

import static com.linkwithmentor.testsupport.SocketClient.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.testsupport.SocketClient;
import com.linkwithmentor.testsupport.TestServers;

/** How sockets end: idle, expired tokens, and a draining instance. Each test runs an instance of its own. */
class ConnectionLifecycleTests {

    @Test
    void anIdleSocketIsClosedWith4000AndOneThatHeartbeatsIsKept() {
        try (SocketCluster cluster = SocketCluster.start(1, TestServers.redis().url(), Map.of(
                "lwm.realtime.idle-timeout", "1500ms", "lwm.realtime.sweep-interval", "200ms"))) {
            SocketClient idle = cluster.connect(0);
            SocketClient beating = cluster.connect(0);
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    beating.send(frame("ping"));
                    return idle.isClosed() && System.nanoTime() > deadline;
                });
            assertThat(idle.awaitClose(Duration.ofSeconds(1))).isEqualTo(CloseCodes.IDLE);
            assertThat(beating.isClosed()).isFalse();
            beating.close();
        }
    }

    @Test
    void aSocketIsToldAndClosedWith4001WhenItsTokenExpires() {
        try (SocketCluster cluster = SocketCluster.start(1, TestServers.redis().url(), Map.of(
                "lwm.realtime.sweep-interval", "200ms", "lwm.security.clock-skew", "0s"))) {
            String shortLived = cluster.issuer().token(UUID.randomUUID(), "mentee").lifetime(Duration.ofSeconds(2)).sign();
            try (SocketClient client = SocketClient.open(cluster.port(0), "/ws/echo?access_token=" + shortLived)) {
                client.awaitType("ready");
                assertThat(client.awaitClose(Duration.ofSeconds(10))).isEqualTo(CloseCodes.TOKEN_EXPIRED);
                assertThat(client.awaitType("error").path("code").asString()).isEqualTo("unauthorized");
            }
        }
    }

    @Test
    void aStoppingInstanceClosesEverySocketWith1012AndRefusesNewOnes() {
        SocketCluster cluster = SocketCluster.start(1, TestServers.redis().url(), Map.of());
        try {
            List<SocketClient> clients = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                clients.add(cluster.connect(0));
            }
            int port = cluster.port(0);
            cluster.stop(0);
            for (SocketClient client : clients) {
                assertThat(client.awaitClose(Duration.ofSeconds(10))).isEqualTo(CloseCodes.SERVICE_RESTART);
            }
            assertThat(clients.get(0).closeReason()).contains("reconnect");
            assertThat(catchRefusal(port)).isTrue();
        }
        finally {
            cluster.close();
        }
    }

    private static boolean catchRefusal(int port) {
        try {
            SocketClient.open(port, "/ws/echo").close();
            return false;
        }
        catch (IllegalStateException refused) {
            return true;
        }
    }
}
