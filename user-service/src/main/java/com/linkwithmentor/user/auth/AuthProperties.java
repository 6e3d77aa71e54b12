package com.linkwithmentor.user.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token issuing: the signing keys (a JWK set with private keys, first one signs; empty means
 * generated and kept in the database, for development), lifetimes, and login throttling.
 */
@ConfigurationProperties("lwm.auth")
public record AuthProperties(
        @DefaultValue("") String signingKeys,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("5m") Duration serviceTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("http://localhost:8080") String publicBaseUrl,
        @DefaultValue("LinkWithMentor <no-reply@linkwithmentor.local>") String mailFrom,
        @DefaultValue("5") int freeLoginFailures,
        @DefaultValue("15m") Duration failureWindow,
        @DefaultValue("15m") Duration maxLockout,
        @DefaultValue("50") int ipFailuresPerWindow) {
}
