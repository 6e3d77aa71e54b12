package com.linkwithmentor.gateway.auth;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.RateLimitReachedException;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.security.AccessTokens;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.RevokedSessions;
import com.linkwithmentor.common.security.TokenClaims;
import com.linkwithmentor.gateway.GatewayProperties;
import com.linkwithmentor.gateway.edge.ApiErrorResponses;
import com.linkwithmentor.gateway.edge.RequestIdFilter;

import reactor.core.publisher.Mono;

/**
 * Checks the access token before anything is routed: signature (user-service's JWKS), expiry,
 * issuer, audience, claims, and revocation in Redis. A missing or bad token is answered here with
 * a 401 and the backend never sees the request. The token itself is passed on unchanged, because
 * every service verifies it again. WebSocket upgrades may carry it as {@code ?access_token=}
 * (browsers cannot set headers on them); it is moved to the header.
 */
@Component
public class AccessTokenFilter implements WebFilter, Ordered {

    public static final String CALLER = AccessTokenFilter.class.getName() + ".caller";

    public static final int ORDER = RequestIdFilter.ORDER + 2;

    /** Where filters that need the verified caller go. */
    public static final int ORDER_AFTER = ORDER + 1;

    private final ReactiveJwtDecoder decoder;

    private final RevokedSessions revokedSessions;

    private final PublicPaths publicPaths;

    private final ApiErrorResponses errors;

    public AccessTokenFilter(ReactiveJwtDecoder decoder, RevokedSessions revokedSessions, GatewayProperties properties,
            ApiErrorResponses errors) {
        this.decoder = decoder;
        this.revokedSessions = revokedSessions;
        this.publicPaths = new PublicPaths(properties.publicPaths());
        this.errors = errors;
    }

    public static @Nullable CurrentUser caller(ServerWebExchange exchange) {
        return exchange.getAttribute(CALLER);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (method == HttpMethod.OPTIONS || publicPaths.matches(method, path)) {
            return chain.filter(exchange);
        }
        String token = bearer(exchange);
        if (token == null) {
            return errors.write(exchange, ErrorCode.UNAUTHORIZED,
                    "Authentication required: send 'Authorization: Bearer <access token>'", null);
        }
        ServerWebExchange withHeader = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION) ? exchange
                : exchange.mutate().request(r -> r.headers(h -> h.setBearerAuth(token))).build();
        return decoder.decode(token)
            .flatMap(jwt -> revokedSessions.isRevokedReactive(jwt.getClaimAsString(TokenClaims.SESSION_ID),
                    UUID.fromString(jwt.getSubject()), issuedAt(jwt))
                .map(revoked -> revoked ? Verdict.REVOKED : new Verdict(AccessTokens.currentUser(jwt), null)))
            .onErrorResume(JwtException.class, ex -> Mono.just(new Verdict(null, ex.getMessage())))
            .onErrorResume(ex -> causedBy(ex, RateLimitReachedException.class), ex -> Mono.just(Verdict.UNKNOWN_KEY))
            .onErrorResume(AccessTokenFilter::keysUnavailable, ex -> Mono.just(Verdict.UNAVAILABLE))
            .flatMap(verdict -> {
                if (verdict == Verdict.UNAVAILABLE) {
                    return errors.write(withHeader, ErrorCode.SERVICE_UNAVAILABLE,
                            "Tokens cannot be verified right now; try again shortly", null);
                }
                if (verdict.user() == null) {
                    withHeader.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                    return errors.write(withHeader, ErrorCode.UNAUTHORIZED, "The access token is invalid, expired or revoked",
                            Map.of("reason", verdict.reason()));
                }
                withHeader.getAttributes().put(CALLER, verdict.user());
                return chain.filter(withHeader);
            });
    }

    private record Verdict(@Nullable CurrentUser user, @Nullable String reason) {
        static final Verdict REVOKED = new Verdict(null, "The session has been revoked");
        static final Verdict UNKNOWN_KEY = new Verdict(null, "The token names a signing key the issuer does not publish");
        static final Verdict UNAVAILABLE = new Verdict(null, null);
    }

    /**
     * The key source failed. If it refused a refetch only because one happened moments ago, the
     * token names a key the issuer does not have: invalid (401). Otherwise the issuer's JWKS could
     * not be read, which is our outage, not the caller's fault (503).
     */
    private static boolean keysUnavailable(Throwable ex) {
        return !(ex instanceof JwtException) && !causedBy(ex, RateLimitReachedException.class);
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Instant issuedAt(Jwt jwt) {
        return jwt.getIssuedAt() != null ? jwt.getIssuedAt() : Instant.EPOCH;
    }

    private static @Nullable String bearer(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
            return header.substring(7).trim();
        }
        if ("websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())) {
            return exchange.getRequest().getQueryParams().getFirst("access_token");
        }
        return null;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
