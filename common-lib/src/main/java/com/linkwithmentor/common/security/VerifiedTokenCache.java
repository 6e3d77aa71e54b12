package com.linkwithmentor.common.security;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Checks each access token's signature once. A client sends the same token with every request for
 * its 15 minutes (chat sends the sender's token to moderation with every message), and an ES256
 * verification (~0.4 ms) can cost more than the request's own work; a token that is byte for byte
 * one already verified needs no second signature check. Everything else
 * (expiry, issuer, audience, claims, revocation in Redis) still runs on every request, so a
 * revoked or expired token is refused as promptly as without the cache. Bounded: expired entries
 * go first, and everything if that is not enough.
 */
public class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder verifier;

    private final OAuth2TokenValidator<Jwt> validator;

    private final int maxEntries;

    private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

    public VerifiedTokenCache(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, int maxEntries) {
        this.verifier = verifier;
        this.validator = validator;
        this.maxEntries = maxEntries;
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = verified.get(token);
        if (known != null) {
            OAuth2TokenValidatorResult result = validator.validate(known);
            if (result.hasErrors()) {
                verified.remove(token);
                throw new JwtValidationException(result.getErrors().iterator().next().getDescription(),
                        result.getErrors());
            }
            return known;
        }
        Jwt jwt = verifier.decode(token);
        if (verified.size() >= maxEntries) {
            Instant now = Instant.now();
            verified.values().removeIf(entry -> entry.getExpiresAt() == null || entry.getExpiresAt().isBefore(now));
            if (verified.size() >= maxEntries) {
                verified.clear();
            }
        }
        verified.put(token, jwt);
        return jwt;
    }
}
