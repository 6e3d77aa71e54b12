package com.linkwithmentor.common.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How access tokens are verified: where the issuer publishes its keys, whom tokens are issued by
 * and for (users' tokens for {@code audience}, services' own tokens for {@code service-audience},
 * which the public gateway never accepts), and the WebSocket handshake paths whose handler checks
 * the token itself ({@code "GET /ws/chat"}). Public REST endpoints are marked {@link PublicEndpoint}.
 */
@ConfigurationProperties("lwm.security")
public record TokenProperties(
        @DefaultValue("http://localhost:8081/api/v1/auth/jwks") URI jwksUrl,
        @DefaultValue("linkwithmentor-user-service") String issuer,
        @DefaultValue("linkwithmentor") String audience,
        @DefaultValue("linkwithmentor-services") String serviceAudience,
        @DefaultValue("5m") Duration jwksCacheTtl,
        @DefaultValue("10s") Duration jwksMinRefreshInterval,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue List<String> websocketPaths) {
}
