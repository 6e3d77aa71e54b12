package com.linkwithmentor.common.security;

import java.net.MalformedURLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verification of LinkWithMentor access tokens, shared by every servlet service and the reactive
 * gateway: keys from the issuer's JWKS (cached, refreshed when a token names an unknown key),
 * ES256 signature, expiry, issuer, audience, the claims a caller needs, and revocation in Redis.
 *
 * <p>Two kinds of token share the keys: a user's (audience {@code audience}; {@code sub} a user id,
 * {@code roles}, {@code active_role}, {@code sid}) and a service's own (audience
 * {@code service-audience}; {@code sub} = {@code azp} = the service, {@code scope}; no user, no role).
 * The gateway accepts only the first ({@link #userValidator}); services accept both
 * ({@link #validator}), and {@link RequireScope} decides per endpoint which kind may call it.
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
     * The decoder for a servlet service: users' and services' tokens, signature checked once per
     * distinct token (see {@link VerifiedTokenCache}), every other check on every request.
     */
    public static JwtDecoder decoder(JWKSource<SecurityContext> keys, TokenProperties properties,
            @Nullable RevokedSessions revokedSessions) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.ES256).build();
        OAuth2TokenValidator<Jwt> validator = validator(properties, revokedSessions);
        decoder.setJwtValidator(validator);
        return new VerifiedTokenCache(decoder, validator, VERIFIED_TOKENS_KEPT);
    }

    /** Every check but the signature, for either kind of token; revocation only when a registry is given. */
    public static OAuth2TokenValidator<Jwt> validator(TokenProperties properties,
            @Nullable RevokedSessions revokedSessions) {
        return checks(properties, revokedSessions, true);
    }

    /** Every check but the signature, for users' tokens only: what the public gateway accepts. */
    public static OAuth2TokenValidator<Jwt> userValidator(TokenProperties properties,
            @Nullable RevokedSessions revokedSessions) {
        return checks(properties, revokedSessions, false);
    }

    private static OAuth2TokenValidator<Jwt> checks(TokenProperties properties, @Nullable RevokedSessions revokedSessions,
            boolean servicesToo) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(properties.clockSkew()));
        validators.add(new JwtIssuerValidator(properties.issuer()));
        validators.add(jwt -> {
            List<String> audience = jwt.getAudience();
            boolean user = audience != null && audience.contains(properties.audience())
                    && !audience.contains(properties.serviceAudience());
            boolean service = audience != null && audience.contains(properties.serviceAudience())
                    && !audience.contains(properties.audience());
            if (user) {
                return userClaimsPresent(jwt);
            }
            if (service && servicesToo) {
                return serviceClaimsPresent(jwt);
            }
            return invalid(service ? "A service token is not accepted here" : "The token is not issued for this audience");
        });
        if (revokedSessions != null) {
            validators.add(jwt -> isService(jwt) ? OAuth2TokenValidatorResult.success() : notRevoked(jwt, revokedSessions));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** Whether a verified token is a service's own (it names an authorised party and no user session). */
    public static boolean isService(Jwt jwt) {
        return jwt.hasClaim(TokenClaims.AUTHORIZED_PARTY) && !jwt.hasClaim(TokenClaims.SESSION_ID);
    }

    /** Whoever a verified token speaks for. */
    public static Caller caller(Jwt jwt) {
        return isService(jwt) ? serviceCaller(jwt) : currentUser(jwt);
    }

    /** The user a verified user token describes. */
    public static CurrentUser currentUser(Jwt jwt) {
        Set<Role> roles = new LinkedHashSet<>();
        for (String name : jwt.getClaimAsStringList(TokenClaims.ROLES)) {
            roles.add(Role.fromWire(name));
        }
        return new CurrentUser(UUID.fromString(jwt.getSubject()), roles,
                Role.fromWire(jwt.getClaimAsString(TokenClaims.ACTIVE_ROLE)), jwt.getClaimAsString(TokenClaims.SESSION_ID));
    }

    /** The service a verified service token describes. */
    public static ServiceCaller serviceCaller(Jwt jwt) {
        String scope = jwt.getClaimAsString(TokenClaims.SCOPE);
        Set<String> scopes = scope == null || scope.isBlank() ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
        return new ServiceCaller(jwt.getSubject(), scopes);
    }

    private static OAuth2TokenValidatorResult userClaimsPresent(Jwt jwt) {
        try {
            if (jwt.hasClaim(TokenClaims.AUTHORIZED_PARTY)) {
                return invalid("A user token must not name an authorised party");
            }
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

    private static OAuth2TokenValidatorResult serviceClaimsPresent(Jwt jwt) {
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank() || !subject.equals(jwt.getClaimAsString(TokenClaims.AUTHORIZED_PARTY))) {
            return invalid("A service token needs sub and azp naming the same service");
        }
        if (jwt.hasClaim(TokenClaims.ROLES) || jwt.hasClaim(TokenClaims.ACTIVE_ROLE) || jwt.hasClaim(TokenClaims.SESSION_ID)) {
            return invalid("A service token must not carry a user's roles or session");
        }
        return OAuth2TokenValidatorResult.success();
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
