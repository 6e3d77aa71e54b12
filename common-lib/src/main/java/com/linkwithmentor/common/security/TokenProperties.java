package com.linkwithmentor.common.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How access tokens are verified: where the issuer publishes its keys, whom tokens are issued by
 * and for, and which request paths need no token ({@code "POST /api/v1/auth/login"} or a bare path
 * pattern for any method).
 */
@ConfigurationProperties("lwm.security")
public record TokenProperties(
        @DefaultValue("http://localhost:8081/api/v1/auth/jwks") URI jwksUrl,
        @DefaultValue("linkwithmentor-user-service") String issuer,
        @DefaultValue("linkwithmentor") String audience,
        @DefaultValue("5m") Duration jwksCacheTtl,
        @DefaultValue("10s") Duration jwksMinRefreshInterval,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue List<String> publicPaths) {
}
