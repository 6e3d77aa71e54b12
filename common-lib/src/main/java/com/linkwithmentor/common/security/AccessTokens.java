package com.linkwithmentor.common.security;

import java.net.MalformedURLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verification of LinkWithMentor access tokens, shared by every servlet service and the reactive
 * gateway: keys from the issuer's JWKS (cached, refreshed when a token names an unknown key),
 * ES256 signature, expiry, issuer, audience, the claims a {@link CurrentUser} needs, and
 * revocation in Redis.
 */
public final class AccessTokens {

    /** Distinct tokens whose verified signature is remembered: about one per active user. */
    static final int VERIFIED_TOKENS_KEPT = 10_000;

    private AccessTokens() {
    }

    /** The issuer's public keys: cached for the configured time, refetched on an unknown key id. */
    public static JWKSource<SecurityContext> remoteKeys(TokenProperties properties) {
        try {
            JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder
                .create(properties.jwksUrl().toURL())
                .cache(properties.jwksCacheTtl().toMillis(), 5_000);
            long minRefresh = properties.jwksMinRefreshInterval().toMillis();
            builder = minRefresh > 0 ? builder.rateLimited(minRefresh) : builder.rateLimited(false);
            return builder.build();
        }
        catch (MalformedURLException ex) {
            throw new IllegalArgumentException("lwm.security.jwks-url is not a URL: " + properties.jwksUrl(), ex);
        }
    }

    /**
     * The decoder for a servlet service: signature checked once per distinct token (see
     * {@link VerifiedTokenCache}), every other check on every request.
     */
    public static JwtDecoder decoder(JWKSource<SecurityContext> keys, TokenProperties properties,
            @Nullable RevokedSessions revokedSessions) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.ES256).build();
        OAuth2TokenValidator<Jwt> validator = validator(properties, revokedSessions);
        decoder.setJwtValidator(validator);
        return new VerifiedTokenCache(decoder, validator, VERIFIED_TOKENS_KEPT);
    }

    /** Every check but the signature; revocation only when a Redis-backed registry is given. */
    public static OAuth2TokenValidator<Jwt> validator(TokenProperties properties,
            @Nullable RevokedSessions revokedSessions) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(properties.clockSkew()));
        validators.add(new JwtIssuerValidator(properties.issuer()));
        validators.add(new JwtClaimValidator<List<String>>("aud",
                audience -> audience != null && audience.contains(properties.audience())));
        validators.add(AccessTokens::userClaimsPresent);
        if (revokedSessions != null) {
            validators.add(jwt -> notRevoked(jwt, revokedSessions));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** The caller a verified token describes. */
    public static CurrentUser currentUser(Jwt jwt) {
        Set<Role> roles = new LinkedHashSet<>();
        for (String name : jwt.getClaimAsStringList(TokenClaims.ROLES)) {
            roles.add(Role.fromWire(name));
        }
        return new CurrentUser(UUID.fromString(jwt.getSubject()), roles,
                Role.fromWire(jwt.getClaimAsString(TokenClaims.ACTIVE_ROLE)), jwt.getClaimAsString(TokenClaims.SESSION_ID));
    }

    private static OAuth2TokenValidatorResult userClaimsPresent(Jwt jwt) {
        try {
            CurrentUser user = currentUser(jwt);
            if (!user.roles().contains(user.activeRole()) || user.sessionId() == null || user.sessionId().isBlank()) {
                return invalid("The token's active role is not one of its roles, or it has no session");
            }
            return OAuth2TokenValidatorResult.success();
        }
        catch (RuntimeException ex) {
            return invalid("The token lacks a valid sub, roles, active_role or sid claim");
        }
    }

    private static OAuth2TokenValidatorResult notRevoked(Jwt jwt, RevokedSessions revokedSessions) {
        Instant issuedAt = jwt.getIssuedAt() != null ? jwt.getIssuedAt() : Instant.EPOCH;
        boolean revoked = revokedSessions.isRevoked(jwt.getClaimAsString(TokenClaims.SESSION_ID),
                UUID.fromString(jwt.getSubject()), issuedAt);
        return revoked ? invalid("The session has been revoked") : OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }
}
