package com.linkwithmentor.realtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.netty.resources.LoopResources;

import com.linkwithmentor.common.error.ApiErrors;
import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.security.AccessTokens;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.web.RequestIds;

import tools.jackson.databind.json.JsonMapper;

/**
 * The socket server: Reactor Netty on {@code lwm.realtime.port}, serving every
 * {@link SocketEndpoint} bean of the service. REST stays on Tomcat.
 *
 * <p><b>Handshake.</b> The path must be an endpoint's (404), the request a WebSocket upgrade (400),
 * a browser's origin an allowed one (403), the instance not full or draining (503). The token, from
 * {@code Authorization: Bearer} or {@code ?access_token=} (browsers cannot set headers), must be a
 * user's access token that passes common-lib's checks (signature, expiry, issuer, audience,
 * revocation): 401 otherwise; then the endpoint's own {@code admit} (e.g. 403 for a suspended
 * user). Every refusal is an ApiError body, sent before any upgrade. The checks block (JWKS,
 * Redis), so they run on a virtual thread, never on the event loop.
 *
 * <p><b>Shutdown.</b> Stops first among the context's lifecycles: new handshakes get 503, every
 * open socket gets close 1012 ("service restart": reconnect, which the load balancer sends
 * elsewhere, and resume), and the server waits up to {@code drain-timeout} for them to go.
 */
public final class RealtimeServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RealtimeServer.class);

    private final RealtimeProperties properties;

    private final Map<String, Endpoint<?, ?>> endpoints = new LinkedHashMap<>();

    private final JwtDecoder tokens;

    private final JsonMapper json;

    private final Connections connections;

    private final RealtimeExecutors executors;

    private final FrameErrors errors;

    private final Clock clock;

    private final String instance = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);

    private final AtomicLong sequence = new AtomicLong();

    private final AtomicLong slowDropped = new AtomicLong();

    private final Scheduler blocking;

    private volatile @Nullable DisposableServer server;

    private volatile @Nullable LoopResources loops;

    private volatile boolean draining;

    RealtimeServer(RealtimeProperties properties, List<SocketEndpoint<?, ?>> endpoints, FrameReader reader,
            JwtDecoder tokens, JsonMapper json, Connections connections, RealtimeExecutors executors, Clock clock,
            MeterRegistry meters) {
        this.properties = properties;
        this.tokens = tokens;
        this.json = json;
        this.connections = connections;
        this.executors = executors;
        this.clock = clock;
        this.errors = new FrameErrors(json, clock);
        this.blocking = Schedulers.fromExecutorService(executors.virtual(), "realtime-handshake");
        for (SocketEndpoint<?, ?> endpoint : endpoints) {
            if (this.endpoints.put(endpoint.path(), new Endpoint<>(endpoint, reader, errors)) != null) {
                throw new IllegalStateException("Two socket endpoints on " + endpoint.path());
            }
        }
        Gauge.builder("realtime.connections", connections, Connections::count)
            .description("Open WebSocket connections on this instance").register(meters);
        Gauge.builder("realtime.slow.dropped", slowDropped, AtomicLong::get)
            .description("Connections dropped for reading too slowly").register(meters);
        Gauge.builder("realtime.fanout.dropped", executors, RealtimeExecutors::droppedFanOut)
            .description("Room messages dropped because a fan-out lane was full").register(meters);
    }

    /** The port the server listens on (the bound one when configured as 0). */
    public int port() {
        DisposableServer current = server;
        if (current == null) {
            throw new IllegalStateException("The realtime server is not running");
        }
        return current.port();
    }

    public Connections connections() {
        return connections;
    }

    // ---- lifecycle ----------------------------------------------------------------------------------

    @Override
    public void start() {
        if (endpoints.isEmpty()) {
            log.info("No socket endpoints; the realtime server is not started");
            return;
        }
        LoopResources resources = LoopResources.create("realtime", Math.max(2, Runtime.getRuntime().availableProcessors()),
                true);
        long maxBytes = properties.outboundMaxBytes().toBytes();
        DisposableServer started = HttpServer.create()
            .host(properties.host())
            .port(properties.port())
            .runOn(resources)
            .childOption(ChannelOption.SO_SNDBUF, (int) properties.socketSendBuffer().toBytes())
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                    new WriteBufferWaterMark((int) Math.min(Integer.MAX_VALUE, maxBytes / 2),
                            (int) Math.min(Integer.MAX_VALUE, maxBytes)))
            .httpRequestDecoder(spec -> spec.maxHeaderSize(16 * 1024).maxInitialLineLength(8 * 1024))
            .idleTimeout(properties.handshakeTimeout())
            .handle(this::handle)
            .bindNow();
        loops = resources;
        server = started;
        executors.timer().scheduleWithFixedDelay(this::sweep, properties.sweepInterval().toMillis(),
                properties.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
        log.info("Realtime server listening on port {} for {}", started.port(), endpoints.keySet());
    }

    @Override
    public void stop() {
        DisposableServer current = server;
        if (current == null) {
            return;
        }
        draining = true;
        int open = connections.count();
        log.info("Draining {} WebSocket connections (1012)", open);
        connections.forEach(connection -> connection.close(CloseCodes.SERVICE_RESTART,
                "Service restarting; reconnect and resume"));
        long deadline = System.nanoTime() + properties.drainTimeout().toNanos();
        while (connections.count() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        current.disposeNow(Duration.ofSeconds(2));
        LoopResources resources = loops;
        if (resources != null) {
            resources.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
        }
        server = null;
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** First to stop, so sockets drain while Redis, the database and Tomcat are still there. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    // ---- handshake ----------------------------------------------------------------------------------

    private record Refusal(ErrorCode code, String message, @Nullable String authenticate) {
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String requestId = RequestIds.acceptOrCreate(request.requestHeaders().get(RequestIds.HEADER));
        QueryStringDecoder uri;
        try {
            uri = new QueryStringDecoder(request.uri());
            uri.parameters();
        }
        catch (IllegalArgumentException ex) {
            return refuse(response, requestId, new Refusal(ErrorCode.VALIDATION_ERROR, "The request URI is malformed", null));
        }
        Endpoint<?, ?> endpoint = endpoints.get(uri.path());
        if (endpoint == null) {
            return refuse(response, requestId, new Refusal(ErrorCode.NOT_FOUND, "No WebSocket endpoint at this path", null));
        }
        if (!HttpMethod.GET.equals(request.method()) || !isUpgrade(request)) {
            return refuse(response, requestId, new Refusal(ErrorCode.VALIDATION_ERROR,
                    "This endpoint only accepts a WebSocket upgrade", null));
        }
        String origin = request.requestHeaders().get(HttpHeaderNames.ORIGIN);
        if (origin != null && !originAllowed(origin, request.requestHeaders().get(HttpHeaderNames.HOST))
                && !originAllowed(origin, forwardedHost(request.requestHeaders()))) {
            return refuse(response, requestId, new Refusal(ErrorCode.FORBIDDEN, "This origin may not open a socket", null));
        }
        if (draining || connections.count() >= properties.maxConnections()) {
            response.header(HttpHeaderNames.RETRY_AFTER, "1");
            return refuse(response, requestId, new Refusal(ErrorCode.SERVICE_UNAVAILABLE,
                    draining ? "This instance is restarting; connect again" : "This instance is full; connect again",
                    null));
        }
        String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        Map<String, List<String>> parameters = uri.parameters();
        EventLoop loop = eventLoop(request);
        return Mono.fromCallable(() -> admit(endpoint, authorization, parameters, origin))
            .subscribeOn(blocking)
            .timeout(properties.handshakeTimeout())
            .onErrorResume(error -> Mono.just(admissionFailed(error)))
            .publishOn(Schedulers.fromExecutor(loop))
            .flatMap(admitted -> admitted instanceof Handshake handshake
                    ? response.sendWebsocket((in, out) -> socket(endpoint, handshake, in, out),
                            WebsocketServerSpec.builder()
                                .maxFramePayloadLength((int) properties.maxFrameBytes().toBytes())
                                .handlePing(false)
                                .build())
                    : refuse(response, requestId, (Refusal) admitted));
    }

    private static EventLoop eventLoop(HttpServerRequest request) {
        EventLoop[] loop = new EventLoop[1];
        request.withConnection(connection -> loop[0] = connection.channel().eventLoop());
        return loop[0];
    }

    private static boolean isUpgrade(HttpServerRequest request) {
        String upgrade = request.requestHeaders().get(HttpHeaderNames.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    /**
     * The host the client asked for when a proxy (the gateway) stands between: {@code X-Forwarded-Host},
     * else {@code Forwarded: host=}. A browser cannot set either on a WebSocket handshake, so a page
     * served by the gateway opens sockets through it as same-origin, while another site's page still
     * cannot.
     */
    static @Nullable String forwardedHost(io.netty.handler.codec.http.HttpHeaders headers) {
        String forwardedHost = headers.get("X-Forwarded-Host");
        if (forwardedHost != null && !forwardedHost.isBlank()) {
            return forwardedHost.split(",", 2)[0].trim();
        }
        String forwarded = headers.get("Forwarded");
        if (forwarded != null) {
            for (String part : forwarded.split(",", 2)[0].split(";")) {
                String pair = part.trim();
                if (pair.regionMatches(true, 0, "host=", 0, 5)) {
                    return pair.substring(5).replace("\"", "");
                }
            }
        }
        return null;
    }

    /**
     * An allowed origin, or this server's own (same origin: no page is served from here, and it is
     * what a proxy's WebSocket client, the gateway's, puts in when its client sent none).
     */
    private boolean originAllowed(String origin, @Nullable String host) {
        if (host != null && (origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host))) {
            return true;
        }
        for (String allowed : properties.allowedOrigins()) {
            if (allowed.equals("*") || allowed.equalsIgnoreCase(origin)) {
                return true;
            }
        }
        return false;
    }

    /** Runs on a virtual thread: the token, then the endpoint's own admission. */
    private Object admit(Endpoint<?, ?> endpoint, @Nullable String authorization, Map<String, List<String>> parameters,
            @Nullable String origin) {
        String token = token(authorization, parameters);
        if (token == null) {
            return new Refusal(ErrorCode.UNAUTHORIZED,
                    "Authentication required: send the access token as ?access_token= or 'Authorization: Bearer'",
                    "Bearer");
        }
        Jwt jwt;
        CurrentUser user;
        try {
            jwt = tokens.decode(token);
            if (AccessTokens.isService(jwt)) {
                return new Refusal(ErrorCode.UNAUTHORIZED, "The access token is invalid, expired or revoked",
                        "Bearer error=\"invalid_token\"");
            }
            user = AccessTokens.currentUser(jwt);
        }
        catch (BadJwtException | IllegalArgumentException | NullPointerException ex) {
            log.debug("WebSocket token refused: {}", ex.getMessage());
            return new Refusal(ErrorCode.UNAUTHORIZED, "The access token is invalid, expired or revoked",
                    "Bearer error=\"invalid_token\"");
        }
        catch (JwtException ex) {
            // Not the token's fault: the keys could not be fetched, or the revocation list not read.
            log.warn("Could not check a WebSocket token now: {}", ex.getMessage());
            return new Refusal(ErrorCode.SERVICE_UNAVAILABLE, "Could not check the access token now; connect again", null);
        }
        Map<String, String> query = new HashMap<>();
        parameters.forEach((name, values) -> {
            if (!name.equals("access_token") && !values.isEmpty()) {
                query.put(name, values.get(0));
            }
        });
        Instant expiresAt = jwt.getExpiresAt() != null ? jwt.getExpiresAt() : clock.instant().plusSeconds(60);
        Handshake handshake = new Handshake(user, token, expiresAt, query, origin);
        try {
            endpoint.admit(handshake);
        }
        catch (ApiException ex) {
            return new Refusal(ex.code(), ex.getMessage(), null);
        }
        return handshake;
    }

    private static @Nullable String token(@Nullable String authorization, Map<String, List<String>> parameters) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) && authorization.length() > 7) {
            String token = authorization.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        List<String> values = parameters.get("access_token");
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        return values.get(0).trim();
    }

    private static Refusal admissionFailed(Throwable error) {
        if (error instanceof java.util.concurrent.TimeoutException) {
            return new Refusal(ErrorCode.SERVICE_UNAVAILABLE, "The handshake took too long; connect again", null);
        }
        log.warn("A WebSocket handshake failed", error);
        return new Refusal(ErrorCode.SERVICE_UNAVAILABLE, "Could not check the handshake now; connect again", null);
    }

    private Mono<Void> refuse(HttpServerResponse response, String requestId, Refusal refusal) {
        byte[] body = json.writeValueAsBytes(ApiErrors.problem(refusal.code(), refusal.message(), null, requestId));
        HttpResponseStatus status = HttpResponseStatus.valueOf(refusal.code().status().value());
        response.status(status)
            .header(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
            .header(RequestIds.HEADER, requestId)
            // The body's code and message again, for a proxy in front (the gateway): a WebSocket
            // client library keeps a refused handshake's status and headers, not its body.
            .header("X-Error-Code", refusal.code().name())
            .header("X-Error-Message", java.net.URLEncoder.encode(refusal.message(), java.nio.charset.StandardCharsets.UTF_8))
            .header(HttpHeaderNames.CONNECTION, "close");
        if (refusal.authenticate() != null) {
            response.header(HttpHeaderNames.WWW_AUTHENTICATE, refusal.authenticate());
        }
        return response.sendByteArray(Mono.just(body)).then();
    }

    // ---- open sockets ------------------------------------------------------------------------------

    /** On the event loop, once the upgrade is done: the connection exists from here on. */
    private Mono<Void> socket(Endpoint<?, ?> endpoint, Handshake handshake, WebsocketInbound in, WebsocketOutbound out) {
        Channel[] channel = new Channel[1];
        in.withConnection(connection -> channel[0] = connection.channel());
        String id = instance + "-" + Long.toString(sequence.incrementAndGet(), 36);
        Connection connection = connections.register(handshake.user().id(),
                userFrames -> new Connection(id, handshake, endpoint, channel[0], out, this, userFrames));
        channel[0].closeFuture().addListener(future -> connection.channelClosed());
        in.receiveCloseStatus().subscribe(status -> connection.peerClosed(status.code()), error -> {
        });
        in.receiveFrames().subscribe(connection.inbound());
        connection.start();
        if (draining) {
            connection.close(CloseCodes.SERVICE_RESTART, "Service restarting; reconnect and resume");
        }
        return Mono.create(sink -> channel[0].closeFuture().addListener(future -> sink.success()));
    }

    void unregister(Connection connection) {
        connections.unregister(connection);
    }

    /** Closes sockets whose client went quiet, and sockets whose token expired. */
    private void sweep() {
        long now = System.nanoTime();
        long idleNanos = properties.idleTimeout().toNanos();
        Instant instant = clock.instant();
        try {
            connections.forEach(connection -> {
                if (!connection.isOpen()) {
                    return;
                }
                if (connection.handshake().expiresAt().isBefore(instant)) {
                    connection.sendError("unauthorized", "Your access token expired; reconnect with a fresh one and resume");
                    connection.close(CloseCodes.TOKEN_EXPIRED, "Access token expired");
                }
                else if (now - connection.lastReceivedNanos() > idleNanos) {
                    connection.close(CloseCodes.IDLE, "Idle: nothing received for "
                            + properties.idleTimeout().toSeconds() + " s");
                }
            });
        }
        catch (RuntimeException ex) {
            log.warn("Sweeping connections failed", ex);
        }
    }

    // ---- for connections --------------------------------------------------------------------------

    RealtimeProperties properties() {
        return properties;
    }

    JsonMapper json() {
        return json;
    }

    RealtimeExecutors executors() {
        return executors;
    }

    FrameErrors errors() {
        return errors;
    }

    void slowClientDropped() {
        slowDropped.incrementAndGet();
    }
}
