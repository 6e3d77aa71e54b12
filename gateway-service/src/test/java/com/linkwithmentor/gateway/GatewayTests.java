package com.linkwithmentor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.linkwithmentor.common.security.RevokedSessions;
import com.linkwithmentor.testsupport.ServiceProcess;
import com.linkwithmentor.testsupport.TestServers;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway in front of a real user-service (real PostgreSQL and Redis), driven over HTTP/1.1,
 * HTTP/2 and a real HTTP/3 client over UDP. The backend is stopped by the last test.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayTests {

    static final String REDIS = TestServers.redis().url();

    static final ServiceProcess userService = Backends.startUserService(REDIS);

    static final int userServicePort = userService.port();

    static final DisposableServer echo = Backends.startEchoWebSocket();

    static final DisposableServer uploads = Backends.startUploadSink();

    static final int deadPort = Backends.freePort();

    static final int tlsPort = Backends.freeTcpAndUdpPort();

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.user-service[0].uri",
                () -> "http://127.0.0.1:" + userServicePort);
        registry.add("spring.cloud.discovery.client.simple.instances.user-service[1].uri",
                () -> "http://127.0.0.1:" + deadPort);
        registry.add("spring.cloud.discovery.client.simple.instances.chat-service[0].uri",
                () -> "http://127.0.0.1:" + echo.port());
        registry.add("spring.cloud.discovery.client.simple.instances.chat-service-ws[0].uri",
                () -> "http://127.0.0.1:" + echo.port());
        registry.add("spring.cloud.discovery.client.simple.instances.lecture-service[0].uri",
                () -> "http://127.0.0.1:" + uploads.port());
        registry.add("lwm.security.jwks-url", () -> "http://127.0.0.1:" + userServicePort + "/api/v1/auth/jwks");
        registry.add("lwm.redis.url", () -> REDIS);
        registry.add("lwm.gateway.tls.port", () -> tlsPort);
        registry.add("lwm.gateway.tls.dev-certificate-dir", () -> "target/test-certs");
        registry.add("lwm.gateway.instance-down-for", () -> "10m");
        registry.add("lwm.gateway.rate-limits.buckets.user.capacity", () -> 30);
        registry.add("lwm.gateway.rate-limits.buckets.user.per-second", () -> 0.01);
        registry.add("lwm.gateway.rate-limits.buckets.strict.capacity", () -> 60);
        registry.add("lwm.gateway.rate-limits.buckets.strict.per-second", () -> 0.01);
    }

    @AfterAll
    static void stopBackends() {
        userService.stop();
        echo.disposeNow();
        uploads.disposeNow();
    }

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    RevokedSessions revokedSessions;

    Clients clients;

    Clients clients() {
        if (clients == null) {
            clients = new Clients(port, tlsPort);
            // Two reads let passive health find the dead instance before the tests start counting.
            for (int i = 0; i < 3; i++) {
                Clients.send(clients.http1(), "GET", "/api/v1/auth/jwks", null, null);
            }
        }
        return clients;
    }

    record User(String id, String username, String password, String token, String sessionId) {
    }

    User register(String protocol) {
        String name = "g" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String body = "{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.com\",\"password\":\"gateway-pass-42\"}";
        Clients.Reply registered = Clients.send(clients().by(protocol), "POST", "/api/v1/auth/register", null, body);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        Clients.Reply login = Clients.send(clients().by(protocol), "POST", "/api/v1/auth/login", null,
                "{\"login\":\"" + name + "\",\"password\":\"gateway-pass-42\"}");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        JsonNode tokens = json.readTree(login.body());
        String token = tokens.path("access_token").asString();
        String sid = json.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("sid").asString();
        return new User(json.readTree(registered.body()).path("user_id").asString(), name, "gateway-pass-42", token, sid);
    }

    @ParameterizedTest
    @ValueSource(strings = { "h1", "h2", "h3" })
    @Order(1)
    void registerLoginAndAnAuthenticatedReadWorkOnEveryProtocol(String protocol) {
        User user = register(protocol);
        Clients.Reply me = Clients.send(clients().by(protocol), "GET", "/api/v1/users/me", user.token(), null);

        assertThat(me.status()).isEqualTo(200);
        assertThat(json.readTree(me.body()).path("username").asString()).isEqualTo(user.username());
        assertThat(me.version()).isEqualTo(switch (protocol) {
            case "h1" -> "HTTP/1.1";
            case "h2" -> "HTTP/2.0";
            default -> "HTTP/3.0";
        });
        assertThat(me.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("X-Request-Id"))
            .flatMap(e -> e.getValue().stream()).toList()).singleElement().asString().isNotBlank();
        assertThat(me.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    @Order(2)
    void theSameRequestGivesTheSameStatusHeadersAndBodyOverEveryProtocol() {
        User user = register("h1");
        List<Clients.Reply> replies = List.of("h1", "h2", "h3").stream()
            .map(protocol -> Clients.send(clients().by(protocol), "GET", "/api/v1/users/" + user.id(), user.token(), null))
            .toList();
        assertThat(replies).extracting(Clients.Reply::status).containsOnly(200);
        assertThat(replies).extracting(Clients.Reply::body).containsOnly(replies.get(0).body());
        assertThat(replies).extracting(reply -> reply.header("Content-Type")).containsOnly(replies.get(0).header("Content-Type"));

        List<Clients.Reply> missing = List.of("h1", "h2", "h3").stream()
            .map(protocol -> Clients.send(clients().by(protocol), "GET", "/api/v1/users/me", null, null))
            .toList();
        assertThat(missing).extracting(Clients.Reply::status).containsOnly(401);
        assertThat(missing).extracting(reply -> json.readTree(reply.body()).path("error_code").asString())
            .containsOnly("UNAUTHORIZED");
    }

    @Test
    @Order(3)
    void tcpResponsesAdvertiseHttp3AndHttp3ResponsesNeedNot() {
        Clients.Reply tcp = Clients.send(clients().by("h1"), "GET", "/api/v1/auth/jwks", null, null);
        assertThat(tcp.header("Alt-Svc")).isEqualTo("h3=\":" + tlsPort + "\"; ma=86400");
        Clients.Reply tls = Clients.send(clients().by("h2"), "GET", "/api/v1/auth/jwks", null, null);
        assertThat(tls.header("Alt-Svc")).isEqualTo("h3=\":" + tlsPort + "\"; ma=86400");
        assertThat(tls.header("Strict-Transport-Security")).startsWith("max-age=");
        Clients.Reply quic = Clients.send(clients().http3(), "GET", "/api/v1/auth/jwks", null, null);
        assertThat(quic.status()).isEqualTo(200);
        assertThat(quic.header("Alt-Svc")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "h1", "h3" })
    @Order(4)
    void missingBadExpiredAndRevokedTokensStopAtTheGateway(String protocol) {
        HttpClient client = clients().by(protocol);
        assertUnauthorized(Clients.send(client, "GET", "/api/v1/users/me", null, null));
        assertUnauthorized(Clients.send(client, "GET", "/api/v1/users/me", "garbage.token.here", null));
        String expired = "eyJhbGciOiJFUzI1NiIsImtpZCI6IngifQ.eyJzdWIiOiJ4IiwiZXhwIjoxMDB9.c2ln";
        assertUnauthorized(Clients.send(client, "GET", "/api/v1/users/me", expired, null));

        Clients.Reply service = Clients.send(client, "GET", "/api/v1/users/me", serviceToken(), null);
        assertUnauthorized(service);
        assertThat(service.body()).as("services call each other directly, never through the edge")
            .doesNotContain("Bearer");

        User user = register(protocol);
        assertThat(Clients.send(client, "GET", "/api/v1/users/me", user.token(), null).status()).isEqualTo(200);
        revokedSessions.revokeSession(user.sessionId(), Duration.ofMinutes(20));
        Clients.Reply revoked = Clients.send(client, "GET", "/api/v1/users/me", user.token(), null);
        assertUnauthorized(revoked);
        assertThat(revoked.body()).contains("revoked");
    }

    @Test
    @Order(5)
    void logoutThroughTheGatewayRevokesTheSessionAtOnce() {
        User user = register("h1");
        assertThat(Clients.send(clients().http1(), "POST", "/api/v1/auth/logout", user.token(), null).status()).isEqualTo(204);
        assertUnauthorized(Clients.send(clients().http3(), "GET", "/api/v1/users/me", user.token(), null));
    }

    @Test
    @Order(6)
    void unknownRoutesAndOversizedBodiesAreApiErrors() {
        User user = register("h1");
        Clients.Reply unknown = Clients.send(clients().http1(), "GET", "/api/v1/nowhere", user.token(), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).path("error_code").asString()).isEqualTo("NOT_FOUND");

        String huge = "{\"bio\":\"" + "x".repeat(1_100_000) + "\"}";
        Clients.Reply tooBig = Clients.send(clients().http1(), "PUT", "/api/v1/profiles/" + user.id(), user.token(), huge);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(json.readTree(tooBig.body()).path("error_code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/users/%00", "/api/v1/users/%2e%2e%2f", "/api/v1/users/a%2Fb" })
    @Order(6)
    void idsTomcatRefusesComeBackAsApiErrorsNotItsHtmlPage(String path) {
        User user = register("h1");
        for (String protocol : List.of("h1", "h3")) {
            Clients.Reply reply = Clients.send(clients().by(protocol), "GET", path, user.token(), null);
            assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
            assertThat(reply.header("Content-Type")).as(reply.body()).startsWith("application/problem+json");
            assertThat(reply.body()).doesNotContain("<html").doesNotContain("Tomcat");
            assertThat(json.readTree(reply.body()).path("request_id").asString()).isNotBlank();
        }
    }

    @Test
    @Order(7)
    void spoofedForwardingAndIdentityHeadersNeverReachTheBackend() {
        User user = register("h1");
        Clients.Reply reply = clients().http1()
            .headers(h -> h.set("Authorization", "Bearer " + user.token()).set("X-User-Id", UUID.randomUUID().toString())
                .set("X-Forwarded-For", "6.6.6.6").set("X-Request-Id", "client-chosen-id-1"))
            .get().uri("/api/v1/users/me")
            .responseSingle((response, body) -> body.asString().map(text -> new Clients.Reply(response.status().code(),
                    response.version().text(), java.util.Map.of("X-Request-Id",
                            List.of(response.responseHeaders().get("X-Request-Id"))), text)))
            .block(Duration.ofSeconds(20));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("X-Request-Id")).isEqualTo("client-chosen-id-1");
    }

    @Test
    @Order(7)
    void browsersFromConfiguredOriginsPassCorsPreflightAndOthersDoNot() {
        Clients.Reply allowed = preflight("http://localhost:5173");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
        assertThat(allowed.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");

        Clients.Reply refused = preflight("https://evil.example");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
    }

    private Clients.Reply preflight(String origin) {
        return clients().http1()
            .headers(h -> h.set("Origin", origin).set("Access-Control-Request-Method", "POST")
                .set("Access-Control-Request-Headers", "authorization,content-type"))
            .options().uri("/api/v1/users/me")
            .responseSingle((response, body) -> body.asString().defaultIfEmpty("").map(text -> {
                java.util.Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
                response.responseHeaders().forEach(e -> headers.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>())
                    .add(e.getValue()));
                return new Clients.Reply(response.status().code(), response.version().text(), headers, text);
            }))
            .block(Duration.ofSeconds(20));
    }

    @Test
    @Order(8)
    void webSocketUpgradesAreProxiedAndNeedAToken() {
        User user = register("h1");
        String echoed = HttpClient.create().websocket()
            .uri("ws://127.0.0.1:" + port + "/ws/chat?access_token=" + user.token())
            .handle((in, out) -> out.sendString(Mono.just("hello")).then()
                .thenMany(in.receive().asString().take(1)))
            .blockFirst(Duration.ofSeconds(20));
        assertThat(echoed).isEqualTo("echo:hello");
        // the host the client asked for goes with it, so the socket layer can tell the gateway's own pages
        String host = HttpClient.create().websocket()
            .uri("ws://127.0.0.1:" + port + "/ws/chat?access_token=" + user.token())
            .handle((in, out) -> out.sendString(Mono.just("host?")).then()
                .thenMany(in.receive().asString().take(1)))
            .blockFirst(Duration.ofSeconds(20));
        assertThat(host).isEqualTo("host:127.0.0.1:" + port);

        Integer refused = HttpClient.create().get().uri("http://127.0.0.1:" + port + "/ws/chat")
            .response().map(r -> r.status().code()).block(Duration.ofSeconds(20));
        assertThat(refused).isEqualTo(401);
    }

    @Test
    @Order(9)
    void aDeadInstanceIsSkippedEvenForRequestsThatCannotBeRetried() {
        User user = register("h1");
        for (int i = 0; i < 6; i++) {
            Clients.Reply write = Clients.send(clients().http1(), "PUT", "/api/v1/profiles/" + user.id(), user.token(),
                    "{\"bio\":\"attempt " + i + "\"}");
            assertThat(write.status()).as(write.body()).isEqualTo(200);
        }
    }

    @Test
    @Order(10)
    void aCallerOverTheirLimitGets429WithRetryAfter() {
        User user = register("h1");
        Clients.Reply last = null;
        for (int i = 0; i < 40; i++) {
            last = Clients.send(i % 2 == 0 ? clients().http1() : clients().http3(), "GET", "/api/v1/users/me", user.token(), null);
            if (last.status() == 429) {
                break;
            }
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Retry-After")).isNotNull();
        assertThat(json.readTree(last.body()).path("error_code").asString()).isEqualTo("RATE_LIMITED");
        // Another user has a bucket of their own.
        User other = register("h1");
        assertThat(Clients.send(clients().http1(), "GET", "/api/v1/users/me", other.token(), null).status()).isEqualTo(200);
    }

    @Test
    @Order(11)
    void aLectureUploadChunkLargerThanTheDefaultBodyLimitStreamsThroughOnlyOnTheUploadPath() {
        User user = register("h1");
        String chunk = "x".repeat(3 * 1024 * 1024);
        String upload = "/api/v1/lectures/" + UUID.randomUUID() + "/uploads/" + UUID.randomUUID();
        Clients.Reply passed = Clients.send(clients().http1(), "PATCH", upload, user.token(), chunk);
        assertThat(passed.status()).as(passed.body()).isEqualTo(204);
        assertThat(passed.header("X-Received-Bytes")).isEqualTo(Integer.toString(chunk.length()));

        Clients.Reply elsewhere = Clients.send(clients().http1(), "PUT", "/api/v1/lectures/" + UUID.randomUUID(),
                user.token(), chunk);
        assertThat(elsewhere.status()).isEqualTo(413);
        Clients.Reply notPatch = Clients.send(clients().http1(), "POST", upload, user.token(), chunk);
        assertThat(notPatch.status()).isEqualTo(413);
    }

    @Test
    @Order(100)
    void aStoppedBackendGivesAFast503NotAHang() {
        User user = register("h1");
        userService.stop();
        long started = System.nanoTime();
        Clients.Reply reply = Clients.send(clients().http1(), "GET", "/api/v1/users/me", user.token(), null);
        Clients.Reply overQuic = Clients.send(clients().http3(), "POST", "/api/v1/auth/login", null,
                "{\"login\":\"x\",\"password\":\"y\"}");
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertThat(reply.status()).isEqualTo(503);
        assertThat(json.readTree(reply.body()).path("error_code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(overQuic.status()).isEqualTo(503);
        assertThat(millis).isLessThan(5_000);
    }

    /** A real service token, issued by the user-service process to chat-service. */
    private String serviceToken() {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://127.0.0.1:" + userServicePort + "/api/v1/auth/token"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        ("chat-service:" + Backends.CHAT_SERVICE_SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return json.readTree(response.body()).path("access_token").asString();
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private void assertUnauthorized(Clients.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
        JsonNode body = json.readTree(reply.body());
        assertThat(body.path("error_code").asString()).isEqualTo("UNAUTHORIZED");
        assertThat(body.path("request_id").asString()).isNotBlank();
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    }

}
