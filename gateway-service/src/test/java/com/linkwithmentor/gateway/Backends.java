package com.linkwithmentor.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import java.time.Duration;

import com.linkwithmentor.testsupport.PostgresServer;
import com.linkwithmentor.testsupport.ServiceProcess;
import com.linkwithmentor.testsupport.TestServers;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** What stands behind the gateway in its tests: a real user-service process and a WebSocket echo service. */
final class Backends {

    private Backends() {
    }

    /** user-service, run from its built jar, with its own database on the shared test Redis. */
    static ServiceProcess startUserService(String redisUrl) {
        return ServiceProcess.start("user-service", freePort(), userServiceEnvironment(redisUrl));
    }

    /** The same with the JVM options given (a benchmark wants the optimizing compiler). */
    static ServiceProcess startUserService(String redisUrl, List<String> jvmOptions) {
        return ServiceProcess.start("user-service", freePort(), userServiceEnvironment(redisUrl), jvmOptions);
    }

    private static Map<String, String> userServiceEnvironment(String redisUrl) {
        PostgresServer postgres = TestServers.postgres();
        String database = postgres.createDatabase("gateway_users");
        return Map.of(
                "SPRING_DATASOURCE_URL", postgres.jdbcUrl(database),
                "SPRING_DATASOURCE_USERNAME", postgres.username(),
                "SPRING_DATASOURCE_PASSWORD", postgres.password(),
                "LWM_REDIS_URL", redisUrl,
                "LWM_SMTP_PORT", Integer.toString(freePort()),
                "LWM_SERVICE_SECRET_CHAT_SERVICE", CHAT_SERVICE_SECRET);
    }

    /** chat-service's client secret in the user-service these tests run, for a real service token. */
    static final String CHAT_SERVICE_SECRET = "gateway-tests-chat-secret";

    /**
     * A WebSocket service that echoes every text frame, standing in for chat-service; to "host?" it
     * answers the X-Forwarded-Host it was given.
     */
    static DisposableServer startEchoWebSocket() {
        return HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes.ws("/ws/chat", (in, out) -> out.sendString(
                    Flux.from(in.receive().asString()).map(text -> text.equals("host?")
                            ? "host:" + in.headers().get("X-Forwarded-Host") : "echo:" + text))))
            .bindNow();
    }

    /**
     * A stand-in for the services behind the gateway, answering what real services answer in the
     * cases the edge must handle: {@code /api/v1/users/echo} describes the request it got (URI,
     * whether an upgrade or a token reached it), {@code html-error} is Tomcat's HTML 400 page,
     * {@code empty-error} an empty 404, {@code json-error} a service's own ApiError (409),
     * {@code slow} answers after two seconds; {@code /ws/chat} echoes frames and first says which
     * URI it was opened with ({@code ?refuse=404}: refuses the handshake with an ApiError;
     * {@code ?close=1012}: accepts, then closes with 1012 as a draining instance does).
     */
    static DisposableServer startStubService() {
        return HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes
                .get("/api/v1/users/echo", (request, response) -> response.header("Content-Type", "application/json")
                    .sendString(Mono.just("{\"uri\":\"" + request.uri() + "\",\"upgrade\":\""
                            + request.requestHeaders().get("Upgrade", "") + "\",\"authorization\":"
                            + request.requestHeaders().contains("Authorization") + "}")))
                .get("/api/v1/users/html-error", (request, response) -> response.status(400)
                    .header("Content-Type", "text/html;charset=utf-8")
                    .sendString(Mono.just("<!doctype html><html lang=\"en\"><head><title>HTTP Status 400 – Bad Request</title>"
                            + "</head><body><h1>HTTP Status 400 – Bad Request</h1></body></html>")))
                .get("/api/v1/users/empty-error", (request, response) -> response.status(404).send())
                .get("/api/v1/users/json-error", (request, response) -> response.status(409)
                    .header("Content-Type", "application/problem+json")
                    .sendString(Mono.just("{\"error_code\":\"CONFLICT\",\"message\":\"from the service\"}")))
                .get("/api/v1/users/slow", (request, response) -> response.header("Content-Type", "application/json")
                    .sendString(Mono.delay(Duration.ofSeconds(2)).thenReturn("{}")))
                .post("/api/v1/auth/login", (request, response) -> response.header("Content-Type", "application/json")
                    .sendString(request.receive().aggregate().asString().defaultIfEmpty("").map(body -> "{\"public\":true}")))
                .get("/api/v1/auth/sessions", (request, response) -> response.header("Content-Type", "application/json")
                    .sendString(Mono.just("[]")))
                .get("/ws/chat", (request, response) -> {
                    if (request.uri().contains("refuse=404")) {
                        return response.status(404).header("Content-Type", "application/problem+json")
                            .header("X-Error-Code", "NOT_FOUND").header("X-Error-Message", "Session+not+found")
                            .sendString(Mono.just("{\"error_code\":\"NOT_FOUND\",\"message\":\"Session not found\"}"));
                    }
                    if (request.uri().contains("close=1012")) {
                        return response.sendWebsocket((in, out) -> out.sendClose(1012, "Service restarting; reconnect and resume"));
                    }
                    return response.sendWebsocket((in, out) -> out.sendString(Flux.concat(
                        Mono.just("uri:" + request.uri() + " authorization:" + request.requestHeaders().contains("Authorization")),
                        Flux.from(in.receive().asString()).map(text -> "echo:" + text))));
                }))
            .bindNow();
    }

    /**
     * Stands in for lecture-service's upload endpoint: counts the bytes of a tus PATCH as they
     * stream in and answers how many arrived, so a test can see a chunk pass the gateway whole.
     */
    static DisposableServer startUploadSink() {
        return HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes.route(request -> true, (request, response) -> request.receive()
                .map(buffer -> (long) buffer.readableBytes()).reduce(0L, Long::sum)
                .flatMap(received -> response.status(204).header("X-Received-Bytes", Long.toString(received)).send().then())))
            .bindNow();
    }

    /** A port free on both TCP and UDP, for the TLS and QUIC listeners that share it. */
    static int freeTcpAndUdpPort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = freePort();
            try (DatagramSocket udp = new DatagramSocket(port)) {
                return port;
            }
            catch (IOException ex) {
                // taken on UDP; try another
            }
        }
        throw new IllegalStateException("No port free on both TCP and UDP");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
