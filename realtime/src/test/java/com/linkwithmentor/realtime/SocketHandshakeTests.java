package com.linkwithmentor.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.realtime.sample.EchoSocket;
import com.linkwithmentor.testsupport.SocketClient;

import tools.jackson.databind.JsonNode;

/** Who may open a socket: every refusal happens before the upgrade, as an ApiError body. */
class SocketHandshakeTests {

    private final SocketCluster cluster = SharedCluster.get();

    @Test
    void aSocketWithoutAValidUserTokenIsRefusedWith401BeforeTheUpgrade() {
        int port = cluster.port(0);
        SocketClient.Refusal none = SocketClient.refused(port, "/ws/echo", Map.of());
        assertThat(none.status()).isEqualTo(401);
        assertApiError(none.body(), "UNAUTHORIZED");

        assertThat(SocketClient.refused(port, "/ws/echo?access_token=not.a.jwt", Map.of()).status()).isEqualTo(401);
        UUID someone = UUID.randomUUID();
        String foreign = cluster.issuer().token(someone, "mentee").signedWithUnknownKey().sign();
        assertThat(SocketClient.refused(port, "/ws/echo?access_token=" + foreign, Map.of()).status()).isEqualTo(401);
        String expired = cluster.issuer().token(someone, "mentee").issuedAt(Instant.now().minusSeconds(3600))
            .lifetime(Duration.ofMinutes(15)).sign();
        assertThat(SocketClient.refused(port, "/ws/echo", Map.of("Authorization", "Bearer " + expired)).status())
            .isEqualTo(401);
        String service = cluster.issuer().serviceToken("payment-service", "users:read-profiles").sign();
        SocketClient.Refusal serviceRefused = SocketClient.refused(port, "/ws/echo?access_token=" + service, Map.of());
        assertThat(serviceRefused.status()).isEqualTo(401);
        assertThat(serviceRefused.body()).doesNotContain("Signed JWT", "algorithm", "audience");
    }

    @Test
    void theTokenMayComeInTheAuthorizationHeader() {
        UUID user = UUID.randomUUID();
        try (SocketClient client = SocketClient.open(cluster.port(0), "/ws/echo",
                Map.of("Authorization", "Bearer " + cluster.token(user)))) {
            assertThat(client.awaitType("ready").path("user_id").asString()).isEqualTo(user.toString());
        }
    }

    @Test
    void theEndpointMayRefuseAUserAndThatIsA403() {
        UUID banned = UUID.randomUUID();
        EchoSocket.BANNED.add(banned);
        SocketClient.Refusal refusal = SocketClient.refused(cluster.port(0), "/ws/echo?access_token="
                + cluster.token(banned), Map.of());
        assertThat(refusal.status()).isEqualTo(403);
        assertApiError(refusal.body(), "FORBIDDEN");
        assertThat(refusal.body()).contains("may not connect");
    }

    @Test
    void aPlainRequestAnUnknownPathAndAForeignOriginGetApiErrors() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = cluster.token(UUID.randomUUID());
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.port(0)
                + "/ws/echo?access_token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertApiError(plain.body(), "VALIDATION_ERROR");

        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.port(0)
                + "/ws/nothing-here")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertApiError(unknown.body(), "NOT_FOUND");

        String[] malformed = rawGet(cluster.port(0), "/ws/echo?access_token=%zz");
        assertThat(malformed[0]).startsWith("HTTP/1.1 400");
        assertApiError(malformed[1], "VALIDATION_ERROR");

        SocketClient.Refusal foreign = SocketClient.refused(cluster.port(0), "/ws/echo?access_token=" + token,
                Map.of("Origin", "https://evil.example"));
        assertThat(foreign.status()).isEqualTo(403);
        try (SocketClient allowed = SocketClient.open(cluster.port(0), "/ws/echo?access_token=" + token,
                Map.of("Origin", "https://app.example"))) {
            assertThat(allowed.awaitType("ready")).isNotNull();
        }
        // Its own origin, as the gateway's WebSocket client (Netty) sends when the caller sent none.
        try (SocketClient proxied = SocketClient.open(cluster.port(0), "/ws/echo?access_token=" + token,
                Map.of("Origin", "http://127.0.0.1:" + cluster.port(0)))) {
            assertThat(proxied.awaitType("ready")).isNotNull();
        }
        // A page the gateway serves (the web app): the gateway replaces Host and says the one asked for.
        try (SocketClient viaGateway = SocketClient.open(cluster.port(0), "/ws/echo?access_token=" + token,
                Map.of("Origin", "https://lwm.example", "X-Forwarded-Host", "lwm.example"))) {
            assertThat(viaGateway.awaitType("ready")).isNotNull();
        }
        try (SocketClient rfc7239 = SocketClient.open(cluster.port(0), "/ws/echo?access_token=" + token,
                Map.of("Origin", "http://localhost:8080", "Forwarded", "for=10.0.0.1;proto=http;host=\"localhost:8080\""))) {
            assertThat(rfc7239.awaitType("ready")).isNotNull();
        }
        assertThat(SocketClient.refused(cluster.port(0), "/ws/echo?access_token=" + token,
                Map.of("Origin", "https://evil.example", "X-Forwarded-Host", "lwm.example")).status()).isEqualTo(403);
    }

    /** A GET no well-behaved client library would send (malformed escapes): status line and body. */
    private static String[] rawGet(int port, String pathAndQuery) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return new String[] { response.lines().findFirst().orElse(""), response.substring(response.indexOf("\r\n\r\n") + 4) };
        }
    }

    static void assertApiError(String body, String code) {
        JsonNode error = SocketClient.JSON.readTree(body);
        assertThat(error.path("error_code").asString()).as(body).isEqualTo(code);
        assertThat(error.path("request_id").asString()).as(body).isNotBlank();
        assertThat(error.path("message").asString()).as(body).isNotBlank();
        assertThat(body).doesNotContain("Exception", "\tat ");
    }
}
