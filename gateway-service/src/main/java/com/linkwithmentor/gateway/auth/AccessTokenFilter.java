package com.linkwithmentor.gateway.auth;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.gateway.edge.ApiErrorResponses;

import reactor.core.publisher.Mono;

/**
 * Checks the access token of every routed request before it goes anywhere: signature (once per
 * token, {@link VerifiedTokens}), expiry, issuer, audience and claims; revocation is asked of
 * Redis in the same round trip as the rate limit ({@code RateLimitFilter}). A missing or bad token
 * is answered here with a 401 and the backend never sees the request. What needs no token is what
 * the matched route's metadata lists ({@link RouteAccess}). The token is passed on unchanged,
 * because every service verifies it again.
 *
 * <p>Only WebSocket routes upgrade: an {@code Upgrade} header on any other route is dropped and
 * the request goes on as a plain one. Browsers cannot set headers on a WebSocket handshake, so
 * there, and only with an upgrade, the token may come as {@code ?access_token=}; it is moved to
 * the {@code Authorization} header and out of the URL the backend sees.
 */
@Component
public class AccessTokenFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(AccessTokenFilter.class);

    /** The verified caller ({@link CurrentUser}), for filters that run after this one. */
    public static final String CALLER = AccessTokenFilter.class.getName() + ".caller";

    /** The verified token ({@link VerifiedTokens.Valid}), whose revocation marks are still to be checked. */
    public static final String TOKEN = AccessTokenFilter.class.getName() + ".token";

    /** Before the request body is cached for fallbacks, the circuit breaker and load balancing. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    /** Where filters that need the verified caller go. */
    public static final int ORDER_AFTER = ORDER + 1;

    static final String QUERY_TOKEN = "access_token";

    private final VerifiedTokens tokens;

    private final RouteAccess access = new RouteAccess();

    private final ApiErrorResponses errors;

    public AccessTokenFilter(VerifiedTokens tokens, ApiErrorResponses errors) {
        this.tokens = tokens;
        this.errors = errors;
    }

    public static @Nullable CurrentUser caller(ServerWebExchange exchange) {
        return exchange.getAttribute(CALLER);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        ServerHttpRequest request = exchange.getRequest();
        boolean webSocketRoute = route != null && RouteAccess.allowsUpgrade(route);
        boolean upgrade = webSocketRoute && "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade());
        if (!webSocketRoute && request.getHeaders().containsHeader(HttpHeaders.UPGRADE)) {
            exchange = exchange.mutate().request(r -> r.headers(h -> h.remove(HttpHeaders.UPGRADE))).build();
            request = exchange.getRequest();
        }
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.OPTIONS
                || route != null && access.isPublic(route, method, request.getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        String header = bearerHeader(request);
        String token = header != null ? header : upgrade ? request.getQueryParams().getFirst(QUERY_TOKEN) : null;
        if (token == null || token.isBlank()) {
            return unauthorized(exchange, errors, "Authentication required: send 'Authorization: Bearer <access token>'");
        }
        ServerWebExchange checked = header != null ? exchange : withTokenInHeader(exchange, token);
        return tokens.check(token).flatMap(check -> switch (check) {
            case VerifiedTokens.Valid valid -> {
                checked.getAttributes().put(CALLER, valid.user());
                checked.getAttributes().put(TOKEN, valid);
                yield chain.filter(checked);
            }
            case VerifiedTokens.Invalid invalid -> {
                log.debug("Refused a token on {} {}: {}", method, checked.getRequest().getPath(), invalid.reason());
                yield unauthorized(checked, errors, invalid.message());
            }
            case VerifiedTokens.Unavailable unavailable -> errors.write(checked, ErrorCode.SERVICE_UNAVAILABLE,
                    "Tokens cannot be verified right now; try again shortly", null);
        });
    }

    /** A 401 with the ApiError body and the {@code WWW-Authenticate} challenge of RFC 6750. */
    public static Mono<Void> unauthorized(ServerWebExchange exchange, ApiErrorResponses errors, String message) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        return errors.write(exchange, ErrorCode.UNAUTHORIZED, message, null);
    }

    static @Nullable String bearerHeader(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
            return header.substring(7).trim();
        }
        return null;
    }

    private static ServerWebExchange withTokenInHeader(ServerWebExchange exchange, String token) {
        URI withoutToken = UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
            .replaceQueryParam(QUERY_TOKEN)
            .build(true)
            .toUri();
        return exchange.mutate().request(r -> r.uri(withoutToken).headers(h -> h.setBearerAuth(token))).build();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
