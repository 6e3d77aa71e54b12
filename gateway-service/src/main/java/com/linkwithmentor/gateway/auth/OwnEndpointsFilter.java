package com.linkwithmentor.gateway.auth;

import java.time.Instant;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.security.RevokedSessions;
import com.linkwithmentor.gateway.edge.ApiErrorResponses;
import com.linkwithmentor.gateway.edge.RequestIdFilter;

import reactor.core.publisher.Mono;

/**
 * The gateway's own endpoints, which no route covers: its health ({@code GET /actuator/health/**})
 * is public, its other actuator endpoints need a valid token, and the circuit breakers' fallback
 * paths answer only requests forwarded to them (never a client). Routed requests pass untouched:
 * {@link AccessTokenFilter} checks them once the route is known.
 */
@Component
class OwnEndpointsFilter implements WebFilter, Ordered {

    private final VerifiedTokens tokens;

    private final RevokedSessions revokedSessions;

    private final ApiErrorResponses errors;

    OwnEndpointsFilter(VerifiedTokens tokens, RevokedSessions revokedSessions, ApiErrorResponses errors) {
        this.tokens = tokens;
        this.revokedSessions = revokedSessions;
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (path.startsWith("/__fallback")) {
            return errors.write(exchange, ErrorCode.NOT_FOUND, "No such endpoint: " + request.getMethod() + " " + path, null);
        }
        if (!path.startsWith("/actuator")) {
            return chain.filter(exchange);
        }
        boolean health = path.equals("/actuator/health") || path.startsWith("/actuator/health/");
        if (health && (request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD)) {
            return chain.filter(exchange);
        }
        String token = AccessTokenFilter.bearerHeader(request);
        if (token == null) {
            return AccessTokenFilter.unauthorized(exchange, errors,
                    "Authentication required: send 'Authorization: Bearer <access token>'");
        }
        return tokens.check(token).flatMap(check -> switch (check) {
            case VerifiedTokens.Valid valid -> revokedSessions
                .isRevokedReactive(valid.user().sessionId(), valid.user().id(),
                        valid.jwt().getIssuedAt() != null ? valid.jwt().getIssuedAt() : Instant.EPOCH)
                .flatMap(revoked -> revoked
                        ? AccessTokenFilter.unauthorized(exchange, errors, "The access token has been revoked")
                        : chain.filter(exchange));
            case VerifiedTokens.Invalid invalid -> AccessTokenFilter.unauthorized(exchange, errors, invalid.message());
            case VerifiedTokens.Unavailable unavailable -> errors.write(exchange, ErrorCode.SERVICE_UNAVAILABLE,
                    "Tokens cannot be verified right now; try again shortly", null);
        });
    }

    @Override
    public int getOrder() {
        return RequestIdFilter.ORDER + 2;
    }
}
