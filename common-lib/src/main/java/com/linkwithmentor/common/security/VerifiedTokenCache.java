package com.linkwithmentor.common.security;

import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Checks each access token's signature once. A client sends the same token with every request for
 * its 15 minutes, and an ES256 verification (~0.4 ms) can cost more than the request's own work; a
 * token that is byte for byte one already verified needs no second signature check. Everything
 * else (expiry, issuer, audience, claims, revocation in Redis) still runs on every request, so a
 * revoked or expired token is refused as promptly as without the cache. Bounded in size, and each
 * entry leaves when its token expires.
 */
public class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder verifier;

    private final OAuth2TokenValidator<Jwt> validator;

    private final Cache<String, Jwt> verified;

    public VerifiedTokenCache(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, int maxEntries) {
        this.verifier = verifier;
        this.validator = validator;
        this.verified = Caffeine.newBuilder().maximumSize(maxEntries).expireAfter(untilTokenExpiry()).build();
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known == null) {
            Jwt jwt = verifier.decode(token);
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = validator.validate(known);
        if (result.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException(result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return known;
    }

    /** An entry lives until its token's {@code exp}: after that the validator would refuse it anyway. */
    static Expiry<String, Jwt> untilTokenExpiry() {
        return Expiry.creating((token, jwt) -> {
            Instant expiresAt = jwt.getExpiresAt();
            return expiresAt == null ? Duration.ZERO : Duration.between(Instant.now(), expiresAt);
        });
    }
}
