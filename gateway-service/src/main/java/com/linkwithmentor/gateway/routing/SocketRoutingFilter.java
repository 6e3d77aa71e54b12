package com.linkwithmentor.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.isAlreadyRouted;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.setAlreadyRouted;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.WebsocketRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.gateway.edge.ApiErrorResponses;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Proxies the WebSocket routes ({@code lb:ws://...}) in place of Spring Cloud Gateway's
 * {@link WebsocketRoutingFilter}, for what clients are promised through the edge:
 * <ul>
 * <li>the service's handshake comes first: the client's connection is upgraded only once the
 * service accepted, so a refusal (someone else's session: 404, a suspended account: 403, a full or
 * draining instance: 503) reaches the client as that status with an ApiError body naming the
 * problem, not as an upgraded socket closed with 1002;</li>
 * <li>close codes pass both ways unchanged where RFC 6455 allows them, including 1012 (service
 * restart: reconnect and resume) and 1013, which the stock filter turns into 1002 (protocol
 * error);</li>
 * <li>a service's large frames (a whiteboard snapshot of a full board) pass; clients' frames are
 * bounded here as well as by each service's own, smaller limit.</li>
 * </ul>
 */
@Component
class SocketRoutingFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(SocketRoutingFilter.class);

    /** Frames from a service: the largest is a full board's snapshot (meeting allows 2 MB boards). */
    private static final int SERVICE_FRAME_BYTES = 8 * 1024 * 1024;

    /** Frames from a client: every service refuses smaller ones itself (chat 16 KB, whiteboard 128 KB). */
    private static final int CLIENT_FRAME_BYTES = 1024 * 1024;

    private static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";

    /** Set by the realtime module on a refused handshake (its {@code RealtimeServer}); the message URL-encoded. */
    static final String ERROR_CODE_HEADER = "X-Error-Code";

    static final String ERROR_MESSAGE_HEADER = "X-Error-Message";

    private final ReactorNettyWebSocketClient services;

    private final WebSocketService clients;

    private final ObjectProvider<List<HttpHeadersFilter>> headersFilters;

    private final ApiErrorResponses errors;

    SocketRoutingFilter(ObjectProvider<List<HttpHeadersFilter>> headersFilters, ApiErrorResponses errors) {
        this.services = new ReactorNettyWebSocketClient(HttpClient.create(),
                () -> WebsocketClientSpec.builder().maxFramePayloadLength(SERVICE_FRAME_BYTES));
        this.clients = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(CLIENT_FRAME_BYTES)));
        this.headersFilters = headersFilters;
        this.errors = errors;
    }

    /** Just before Spring Cloud Gateway's own WebSocket filter, which then finds the exchange routed. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        String upgrade = exchange.getRequest().getHeaders().getUpgrade();
        if (url == null || isAlreadyRouted(exchange) || !isSocketScheme(url.getScheme())
                || !"websocket".equalsIgnoreCase(upgrade)) {
            return chain.filter(exchange);
        }
        setAlreadyRouted(exchange);
        List<String> protocols = protocols(exchange.getRequest().getHeaders());
        // The service's session lasts as long as the bridge, not just until the client's upgrade is done.
        Sinks.Empty<Void> ended = Sinks.empty();
        return services.execute(url, forwardedHeaders(exchange), handler(protocols, service ->
                clients.handleRequest(exchange, handler(protocols, client -> bridge(client, service)
                    .doFinally(signal -> ended.tryEmitEmpty())))
                    .then(ended.asMono())))
            .onErrorResume(WebSocketClientHandshakeException.class, refusal -> refuse(exchange, refusal));
    }

    private static boolean isSocketScheme(@Nullable String scheme) {
        return "ws".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme);
    }

    /** Frames both ways; whichever side closes first, the other gets its close code. */
    private static Mono<Void> bridge(WebSocketSession client, WebSocketSession service) {
        Mono<Void> serviceClosed = service.closeStatus()
            .filter(status -> client.isOpen())
            .flatMap(status -> client.close(passable(status)));
        Mono<Void> clientClosed = client.closeStatus()
            .filter(status -> service.isOpen())
            .flatMap(status -> service.close(passable(status)));
        Mono.when(serviceClosed, clientClosed).subscribe();
        // retain(): Reactor Netty releases a frame once it is handled; the other side sends it later.
        Mono<Void> toService = service.send(client.receive().doOnNext(WebSocketMessage::retain));
        Mono<Void> toClient = client.send(service.receive().doOnNext(WebSocketMessage::retain));
        return Mono.zip(toService, toClient).then();
    }

    /** A close status as it may be sent on: codes a close frame must not carry become 1000 or 1011. */
    static CloseStatus passable(CloseStatus status) {
        int code = status.getCode();
        if (code >= 3000 && code <= 4999) {
            return status;
        }
        return switch (code) {
            case 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014 -> status;
            // 1005 (no status) and 1006 (abnormal) describe a close, they are never sent.
            case 1005 -> CloseStatus.NORMAL;
            default -> new CloseStatus(1011, "The service's connection ended abnormally");
        };
    }

    /** The service refused the handshake: its status, and its ApiError's code and message when it sent one. */
    private Mono<Void> refuse(ServerWebExchange exchange, WebSocketClientHandshakeException refusal) {
        HttpStatusCode status = refusal.response() != null
                ? HttpStatusCode.valueOf(refusal.response().status().code())
                : HttpStatus.BAD_GATEWAY;
        if (!status.isError()) {
            // A service answering anything but 101 to an upgrade is broken, not the client's problem.
            status = HttpStatus.BAD_GATEWAY;
        }
        // Netty keeps only the refusal's status and headers, so the socket layer names the problem in
        // two headers beside its ApiError body.
        io.netty.handler.codec.http.HttpHeaders given = refusal.response() != null
                ? refusal.response().headers() : io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE;
        ErrorCode code = errorCode(given.get(ERROR_CODE_HEADER, ""), ApiErrorResponses.codeFor(status));
        String message = decoded(given.get(ERROR_MESSAGE_HEADER));
        if (message == null) {
            message = ApiErrorResponses.messageFor(status);
        }
        HttpHeaders headers = exchange.getResponse().getHeaders();
        for (String name : List.of(HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER)) {
            String value = given.get(name);
            if (value != null) {
                headers.set(name, value);
            }
        }
        log.debug("The service refused a socket with {}: {}", status.value(), message);
        return errors.write(exchange, status, code, message, null);
    }

    private static @Nullable String decoded(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            String message = URLDecoder.decode(header, StandardCharsets.UTF_8);
            return message.length() <= 500 ? message : message.substring(0, 500);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static ErrorCode errorCode(String name, ErrorCode otherwise) {
        try {
            return name.isEmpty() ? otherwise : ErrorCode.valueOf(name.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            return otherwise;
        }
    }

    /**
     * The request's headers as the gateway forwards them, less Host and the client's own handshake,
     * plus the Host the client asked for as X-Forwarded-Host: with no trusted proxies configured the
     * gateway's header filters strip X-Forwarded-*, and the socket layer needs it to see that a page
     * the gateway served (the web app) is same-origin.
     */
    private HttpHeaders forwardedHeaders(ServerWebExchange exchange) {
        HttpHeaders filtered = HttpHeadersFilter.filterRequest(headersFilters.getIfAvailable(ArrayList::new), exchange);
        HttpHeaders forwarded = new HttpHeaders();
        for (Map.Entry<String, List<String>> header : filtered.headerSet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith("sec-websocket") && !name.equals("host")) {
                forwarded.addAll(header.getKey(), header.getValue());
            }
        }
        String host = exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST);
        if (host != null && !forwarded.containsHeader("X-Forwarded-Host")) {
            forwarded.set("X-Forwarded-Host", host);
        }
        return forwarded;
    }

    private static List<String> protocols(HttpHeaders headers) {
        List<String> protocols = new ArrayList<>();
        for (String value : headers.getOrEmpty(SEC_WEBSOCKET_PROTOCOL)) {
            protocols.addAll(List.of(StringUtils.tokenizeToStringArray(value, ",")));
        }
        return protocols;
    }

    private static WebSocketHandler handler(List<String> protocols, Function<WebSocketSession, Mono<Void>> body) {
        return new WebSocketHandler() {

            @Override
            public List<String> getSubProtocols() {
                return protocols;
            }

            @Override
            public Mono<Void> handle(WebSocketSession session) {
                return body.apply(session);
            }
        };
    }
}
