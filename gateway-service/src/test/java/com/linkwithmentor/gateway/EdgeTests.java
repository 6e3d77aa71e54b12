package com.linkwithmentor.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.linkwithmentor.common.security.RevokedSessions;
import com.linkwithmentor.gateway.auth.VerifiedTokens;
import com.linkwithmentor.testsupport.TestServers;
import com.linkwithmentor.testsupport.TestTokenIssuer;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge's own rules, against a stub service (so each case is the edge's doing) and tokens from
 * {@link TestTokenIssuer}: which tokens pass and how fast a revocation bites, which routes may
 * upgrade and take a query-string token, ApiError bodies for every error whoever produced it,
 * tokens kept out of the access log, and a circuit breaker no client can trip.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EdgeTests {

    static final TestTokenIssuer issuer = TestTokenIssuer.start();

    static final DisposableServer stub = Backends.startStubService();

    static final int tlsPort = Backends.freeTcpAndUdpPort();

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.user-service[0].uri",
                () -> "http://127.0.0.1:" + stub.port());
        registry.add("spring.cloud.discovery.client.simple.instances.chat-service[0].uri",
                () -> "http://127.0.0.1:" + stub.port());
        // /ws/chat goes to the chat socket layer's instances (realtime branch).
        registry.add("spring.cloud.discovery.client.simple.instances.chat-service-ws[0].uri",
                () -> "http://127.0.0.1:" + stub.port());
        registry.add("lwm.security.jwks-url", issuer::jwksUrl);
        registry.add("lwm.security.clock-skew", () -> "0s");
        registry.add("logging.level.com.linkwithmentor.gateway.routing", () -> "DEBUG");
        registry.add("lwm.redis.url", () -> TestServers.redis().url());
        registry.add("lwm.gateway.tls.port", () -> tlsPort);
        registry.add("lwm.gateway.tls.dev-certificate-dir", () -> "target/test-certs");
        registry.add("lwm.gateway.rate-limits.buckets.user.capacity", () -> 100_000);
        registry.add("lwm.gateway.rate-limits.buckets.user.per-second", () -> 1000);
        registry.add("lwm.gateway.rate-limits.buckets.anonymous.capacity", () -> 100_000);
        registry.add("lwm.gateway.rate-limits.buckets.anonymous.per-second", () -> 1000);
        registry.add("lwm.gateway.rate-limits.buckets.strict.capacity", () -> 100_000);
        registry.add("lwm.gateway.rate-limits.buckets.strict.per-second", () -> 1000);
    }

    @AfterAll
    static void stop() {
        stub.disposeNow();
        issuer.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    RevokedSessions revokedSessions;

    @Autowired
    VerifiedTokens verifiedTokens;

    @Autowired
    CircuitBreakerRegistry breakers;

    Clients clients;

    Clients clients() {
        if (clients == null) {
            clients = new Clients(port, tlsPort);
        }
        return clients;
    }

    String userToken() {
        return issuer.token(UUID.randomUUID(), "mentee").sign();
    }

    @ParameterizedTest
    @ValueSource(strings = { "h1", "h3" })
    void aServiceTokenIsRefusedAtThePublicEdge(String protocol) {
        String serviceToken = issuer.serviceToken("chat-service", "moderation:analyze").sign();

        Clients.Reply reply = Clients.send(clients().by(protocol), "GET", "/api/v1/users/echo", serviceToken, null);

        JsonNode body = assertApiError(reply, 401, "UNAUTHORIZED");
        assertThat(body.path("message").asString()).isEqualTo(
                "Service tokens are not accepted at the public edge: services call each other directly");
    }

    @ParameterizedTest
    @ValueSource(strings = { "h1", "h3" })
    void aRevokedSessionIsRefusedWithinASecondThoughItsSignatureIsRemembered(String protocol) {
        UUID user = UUID.randomUUID();
        TestTokenIssuer.Token token = issuer.token(user, "mentee");
        String signed = token.sign();
        for (int i = 0; i < 3; i++) {
            assertThat(Clients.send(clients().by(protocol), "GET", "/api/v1/users/echo", signed, null).status()).isEqualTo(200);
        }

        revokedSessions.revokeSession(token.sessionId(), Duration.ofMinutes(20));

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            for (String p : List.of("h1", "h3")) {
                Clients.Reply revoked = Clients.send(clients().by(p), "GET", "/api/v1/users/echo", signed, null);
                assertThat(assertApiError(revoked, 401, "UNAUTHORIZED").path("message").asString())
                    .isEqualTo("The access token has been revoked");
            }
        });
    }

    @Test
    void revokingAllOfAUsersTokensRefusesThoseIssuedBeforeAndNotAfter() {
        UUID user = UUID.randomUUID();
        String old = issuer.token(user, "mentee").issuedAt(Instant.now().minusSeconds(60)).sign();
        assertThat(Clients.send(clients().http1(), "GET", "/api/v1/users/echo", old, null).status()).isEqualTo(200);

        revokedSessions.revokeUserTokensIssuedBefore(user, Instant.now().minusSeconds(30), Duration.ofMinutes(20));

        assertApiError(Clients.send(clients().http1(), "GET", "/api/v1/users/echo", old, null), 401, "UNAUTHORIZED");
        String fresh = issuer.token(user, "mentee").sign();
        assertThat(Clients.send(clients().http3(), "GET", "/api/v1/users/echo", fresh, null).status()).isEqualTo(200);
    }

    @Test
    void aTokensSignatureIsVerifiedOnceAndItsExpiryStillChecked() {
        long before = verifiedTokens.size();
        String token = issuer.token(UUID.randomUUID(), "mentee").lifetime(Duration.ofSeconds(2)).sign();
        for (int i = 0; i < 5; i++) {
            assertThat(Clients.send(clients().by(i % 2 == 0 ? "h1" : "h3"), "GET", "/api/v1/users/echo", token, null).status())
                .isEqualTo(200);
        }
        assertThat(verifiedTokens.size()).as("one entry for five requests").isEqualTo(before + 1);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                assertApiError(Clients.send(clients().http1(), "GET", "/api/v1/users/echo", token, null), 401, "UNAUTHORIZED")
                    .path("message").asString()).isEqualTo("The access token is invalid or expired"));
    }

    @Test
    void a401SaysInvalidTokenAndNothingOfTheLibrarysReasons() {
        String unknownKey = issuer.token(UUID.randomUUID(), "mentee").signedWithUnknownKey().sign();
        String wrongAudience = issuer.token(UUID.randomUUID(), "mentee").audience("somebody-else").sign();
        String hmac = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
        for (String token : List.of(unknownKey, wrongAudience, hmac, "garbage")) {
            Clients.Reply reply = Clients.send(clients().http1(), "GET", "/api/v1/users/echo", token, null);
            JsonNode body = assertApiError(reply, 401, "UNAUTHORIZED");
            assertThat(body.path("message").asString()).isEqualTo("The access token is invalid or expired");
            assertThat(reply.body()).doesNotContainIgnoringCase("jwt").doesNotContainIgnoringCase("algorithm")
                .doesNotContainIgnoringCase("nimbus").doesNotContain("aud");
            assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void whatNeedsNoTokenIsWhatTheMatchedRoutesMetadataSays() {
        assertThat(Clients.send(clients().http1(), "POST", "/api/v1/auth/login", null, "{}").body()).contains("\"public\":true");
        assertApiError(Clients.send(clients().http1(), "GET", "/api/v1/auth/sessions", null, null), 401, "UNAUTHORIZED");
        assertApiError(Clients.send(clients().http1(), "GET", "/api/v1/auth/login", null, null), 401, "UNAUTHORIZED");
        assertThat(Clients.send(clients().http1(), "GET", "/actuator/health", null, null).status()).isEqualTo(200);
        assertThat(Clients.send(clients().http1(), "GET", "/actuator/health/readiness", null, null).status()).isEqualTo(200);
        assertApiError(Clients.send(clients().http1(), "GET", "/actuator/prometheus", null, null), 401, "UNAUTHORIZED");
        assertApiError(Clients.send(clients().http1(), "GET", "/__fallback/user-service", null, null), 404, "NOT_FOUND");
    }

    @Test
    void anUpgradeOnARestRouteIsAPlainRequestAndItsQueryTokenCountsForNothing() {
        String token = userToken();
        RawHttp.Response queryToken = RawHttp.send(port, "GET /api/v1/users/echo?access_token=" + token + " HTTP/1.1",
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version: 13");
        assertThat(queryToken.status()).isEqualTo(401);
        assertThat(queryToken.header("Content-Type")).startsWith("application/problem+json");

        RawHttp.Response withHeader = RawHttp.send(port, "GET /api/v1/users/echo HTTP/1.1", "Authorization: Bearer " + token,
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version: 13");
        assertThat(withHeader.status()).isEqualTo(200);
        assertThat(json.readTree(withHeader.body()).path("upgrade").asString()).as("no upgrade reached the service").isEmpty();

        for (int i = 0; i < 25; i++) {
            RawHttp.Response bare = RawHttp.send(port, "POST /api/v1/auth/login HTTP/1.1", "Upgrade: websocket",
                    "Content-Length: 0");
            assertThat(bare.status()).isEqualTo(200);
        }
        assertThat(breakers.circuitBreaker("user-service").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aWebSocketRouteTakesTheQueryTokenOnlyWithAnUpgradeAndKeepsItOutOfTheServicesUrl() {
        String token = userToken();
        List<String> frames = HttpClient.create().websocket()
            .uri("ws://127.0.0.1:" + port + "/ws/chat?room=1&access_token=" + token)
            .handle((in, out) -> out.sendString(Mono.just("hello")).then().thenMany(in.receive().asString().take(2)))
            .collectList()
            .block(Duration.ofSeconds(20));
        assertThat(frames).containsExactly("uri:/ws/chat?room=1 authorization:true", "echo:hello");

        assertApiError(Clients.send(clients().http1(), "GET", "/ws/chat?access_token=" + token, null, null), 401,
                "UNAUTHORIZED");
    }

    @Test
    void aSocketTheServiceRefusesIsItsStatusAndMessageAndItsCloseCodesReachTheClientUnchanged() {
        String token = userToken();
        RawHttp.Response refused = RawHttp.send(port, "GET /ws/chat?refuse=404&access_token=" + token + " HTTP/1.1",
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version: 13");
        assertThat(refused.status()).as(refused.body()).isEqualTo(404);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"error_code\":\"NOT_FOUND\"").contains("Session not found");

        // A draining instance's 1012 (reconnect and resume) is not turned into 1002 (protocol error).
        WebSocketCloseStatus closed = HttpClient.create().websocket()
            .uri("ws://127.0.0.1:" + port + "/ws/chat?close=1012&access_token=" + token)
            .handle((in, out) -> in.receiveCloseStatus())
            .blockFirst(Duration.ofSeconds(20));
        assertThat(closed).isNotNull();
        assertThat(closed.code()).isEqualTo(1012);
        assertThat(closed.reasonText()).isEqualTo("Service restarting; reconnect and resume");
    }

    @Test
    void theAccessLogNeverShowsAQueryStringToken() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger accessLog = (Logger) LoggerFactory.getLogger("reactor.netty.http.server.AccessLog");
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                lines.add(event.getFormattedMessage());
            }
        };
        capture.start();
        accessLog.addAppender(capture);
        try {
            // Reactor Netty logs no line for a completed upgrade (101); what it logs is redacted.
            String token = userToken();
            Clients.send(clients().http1(), "GET", "/ws/chat?access_token=" + token + "&x=1", null, null);
            Clients.send(clients().http1(), "GET", "/api/v1/users/echo?ACCESS_TOKEN=" + token, null, null);

            await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().filter(l -> l.contains("[redacted]")).count() >= 2);
            assertThat(lines).noneMatch(line -> line.contains(token.substring(20, 60)));
            assertThat(lines).anyMatch(line -> line.contains("/ws/chat?access_token=[redacted]&x=1"));
        }
        finally {
            accessLog.detachAppender(capture);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/users/a{b", "/api/v1/users/a|b", "/api/v1/users/a%zzb" })
    void aPathThatIsNotAUriIsA400ApiError(String path) {
        RawHttp.Response reply = RawHttp.send(port, "GET " + path + " HTTP/1.1", "Authorization: Bearer " + userToken());

        assertRawApiError(reply, 400);
    }

    @Test
    void anOverlongPathIsA414AndAnOversizedHeaderA431ApiError() {
        assertRawApiError(RawHttp.send(port, "GET /api/v1/users/" + "a".repeat(5_000) + " HTTP/1.1"), 414);
        assertRawApiError(RawHttp.send(port, "GET /api/v1/users/me HTTP/1.1", "X-Big: " + "b".repeat(64 * 1024)), 431);
    }

    @ParameterizedTest
    @ValueSource(strings = { "h1", "h3" })
    void aServicesErrorInAnythingButJsonBecomesAnApiErrorOfTheSameStatus(String protocol) {
        String token = userToken();
        Clients.Reply html = Clients.send(clients().by(protocol), "GET", "/api/v1/users/html-error", token, null);
        assertApiError(html, 400, "VALIDATION_ERROR");
        assertThat(html.body()).doesNotContain("<html").doesNotContain("Tomcat");

        assertApiError(Clients.send(clients().by(protocol), "GET", "/api/v1/users/empty-error", token, null), 404, "NOT_FOUND");

        Clients.Reply own = Clients.send(clients().by(protocol), "GET", "/api/v1/users/json-error", token, null);
        assertThat(own.status()).isEqualTo(409);
        assertThat(own.body()).as("a service's own ApiError passes untouched").contains("from the service");
    }

    @Test
    void anErrorAnswerToHeadHasNoBody() {
        RawHttp.Response head = RawHttp.send(port, "HEAD /api/v1/users/empty-error HTTP/1.1", "Authorization: Bearer " + userToken());
        assertThat(head.status()).isEqualTo(404);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aRefusedCorsPreflightIsAnApiErrorToo() {
        Clients.Reply refused = Clients.send(clients().http1()
            .headers(h -> h.set("Origin", "https://evil.example").set("Access-Control-Request-Method", "POST")), "OPTIONS",
                "/api/v1/users/echo", null, null);
        assertApiError(refused, 403, "FORBIDDEN");
    }

    @Test
    void clientErrorsAndClientsHangingUpNeverOpenTheBreaker() {
        CircuitBreaker breaker = breakers.circuitBreaker("user-service");
        long failedBefore = breaker.getMetrics().getNumberOfFailedCalls();
        String token = userToken();
        for (int i = 0; i < 15; i++) {
            assertThat(Clients.send(clients().http1(), "GET", "/api/v1/users/html-error", token, null).status()).isEqualTo(400);
            assertThat(Clients.send(clients().http1(), "GET", "/api/v1/users/empty-error", token, null).status()).isEqualTo(404);
        }
        HttpClient authed = clients().http1().headers(h -> h.set("Authorization", "Bearer " + token));
        for (int i = 0; i < 12; i++) {
            authed.get().uri("/api/v1/users/slow").responseSingle((r, b) -> b.asString())
                .timeout(Duration.ofMillis(200), Mono.empty())
                .block(Duration.ofSeconds(5));
        }
        Clients.Reply tooBig = Clients.send(clients().http1().headers(h -> h.set("Transfer-Encoding", "chunked")), "POST",
                "/api/v1/auth/login", null, "{\"x\":\"" + "y".repeat(1_100_000) + "\"}");
        assertApiError(tooBig, 413, "PAYLOAD_TOO_LARGE");

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(failedBefore);
        assertThat(Clients.send(clients().http1(), "GET", "/api/v1/users/echo", token, null).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "h1", "h2", "h3" })
    void theWebAppIsServedAtTheRootAndADeepLinkGetsItsPageButAnApiPathNever(String protocol) {
        HttpClient browser = clients().by(protocol).headers(headers -> headers.set("Accept", "text/html,*/*;q=0.8"));
        Clients.Reply root = Clients.send(browser, "GET", "/", null, null);
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.header("Content-Type")).startsWith("text/html");
        assertThat(root.header("Cache-Control")).contains("no-cache");
        assertThat(root.body()).contains("<div id=\"root\"></div>").contains("/manifest.webmanifest");
        Clients.Reply deepLink = Clients.send(browser, "GET", "/sessions/" + UUID.randomUUID() + "/call", null, null);
        assertThat(deepLink.status()).isEqualTo(200);
        assertThat(deepLink.body()).isEqualTo(root.body());

        java.util.regex.Matcher bundle = java.util.regex.Pattern.compile("/assets/[\\w.-]+\\.js").matcher(root.body());
        assertThat(bundle.find()).as(root.body()).isTrue();
        Clients.Reply script = Clients.send(browser, "GET", bundle.group(), null, null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Cache-Control")).contains("immutable");
        assertThat(Clients.send(browser, "GET", "/manifest.webmanifest", null, null).body()).contains("\"start_url\"");
        Clients.Reply worker = Clients.send(browser, "GET", "/sw.js", null, null);
        assertThat(worker.header("Content-Type")).startsWith("text/javascript");
        assertThat(worker.header("Cache-Control")).contains("no-cache");

        // the API's own paths stay the API's: an unknown one is a 404 ApiError even for a browser
        assertApiError(Clients.send(browser, "GET", "/api/v1/no-such-thing", null, null), 404, "NOT_FOUND");
        assertApiError(Clients.send(clients().by(protocol), "GET", "/no-such-page", null, null), 404, "NOT_FOUND");
        assertThat(Clients.send(browser, "GET", "/assets/missing.js", null, null).status()).isEqualTo(404);
    }

    private JsonNode assertApiError(Clients.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as(reply.body()).startsWith("application/problem+json");
        JsonNode body = json.readTree(reply.body());
        assertThat(body.path("error_code").asString()).isEqualTo(code);
        assertThat(body.path("request_id").asString()).isNotBlank();
        assertThat(body.path("message").asString()).isNotBlank();
        return body;
    }

    private void assertRawApiError(RawHttp.Response reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as(reply.body()).startsWith("application/problem+json");
        JsonNode body = json.readTree(reply.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("error_code").asString()).isNotBlank();
        assertThat(body.path("request_id").asString()).isNotBlank();
    }
}
