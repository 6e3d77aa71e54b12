package com.linkwithmentor.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import com.linkwithmentor.common.redis.TokenBucket;
import com.linkwithmentor.common.security.AccessTokens;
import com.linkwithmentor.common.security.CurrentUser;

import reactor.core.publisher.Mono;

/**
 * The gateway's check of an access token, with each token's ES256 signature verified once: a
 * client sends the same token with every request for its 15 minutes, and the signature check
 * (about 0.3 ms of P-256 arithmetic) cost more than everything else the gateway does. A token
 * byte for byte equal to one already verified needs no second signature check; expiry, issuer,
 * audience and the claims (roles, active role, session) are still validated on every request,
 * and revocation is asked of Redis on every request (see {@code RateLimitFilter}). Bounded, and
 * each entry leaves when its token expires. Service tokens (client credentials) are refused:
 * services call each other directly, never through the public edge.
 */
public class VerifiedTokens {

    private static final Logger log = LoggerFactory.getLogger(VerifiedTokens.class);

    static final String INVALID = "The access token is invalid or expired";

    static final String SERVICE_TOKEN = "Service tokens are not accepted at the public edge: services call each other directly";

    /** What the check found; {@link Invalid#reason()} is for the log, never for the client. */
    public sealed interface Check {
    }

    /** A good token, with the caller it names and the Redis marks that would revoke it. */
    public record Valid(Jwt jwt, CurrentUser user, List<TokenBucket.Guard> revocationMarks) implements Check {
    }

    public record Invalid(String message, String reason) implements Check {
    }

    /** The issuer's keys could not be read: our outage, not the caller's fault. */
    public record Unavailable() implements Check {
    }

    private static final Unavailable UNAVAILABLE = new Unavailable();

    private final ReactiveJwtDecoder signatureVerifier;

    private final OAuth2TokenValidator<Jwt> validator;

    private final String serviceAudience;

    private final Cache<String, Signed> verified;

    /** A token whose signature is good, with the caller it names (none for a service token or bad claims). */
    private record Signed(Jwt jwt, @Nullable Valid valid) {
    }

    /**
     * @param signatureVerifier checks the signature only (its own validator accepts everything)
     * @param validator every other check, run on every request
     * @param serviceAudience the audience of service tokens (user-service's client-credentials grant)
     */
    public VerifiedTokens(ReactiveJwtDecoder signatureVerifier, OAuth2TokenValidator<Jwt> validator, String serviceAudience,
            int maxEntries, Clock clock) {
        this.signatureVerifier = signatureVerifier;
        this.validator = validator;
        this.serviceAudience = serviceAudience;
        this.verified = Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .expireAfter(Expiry.<String, Signed>creating((token, signed) -> untilExpiry(signed.jwt(), clock)))
            // Upkeep on the calling thread: no hand-off to the common pool on the request path.
            .executor(Runnable::run)
            .build();
    }

    /** Checks the token; answers at once (no thread hop) when its signature is already known. */
    public Mono<Check> check(String token) {
        Signed known = verified.getIfPresent(token);
        if (known != null) {
            return Mono.just(validate(known));
        }
        return signatureVerifier.decode(token)
            .map(jwt -> {
                // Service tokens are remembered too: refusing one again must not cost a signature check.
                Signed signed = signed(jwt);
                verified.put(token, signed);
                return validate(signed);
            })
            .onErrorResume(JwtException.class, ex -> Mono.just(invalid(ex.getMessage())))
            .onErrorResume(ex -> causedBy(ex, RateLimitReachedException.class),
                    ex -> Mono.just(invalid("The token names a signing key the issuer does not publish")))
            .onErrorResume(ex -> {
                log.warn("The issuer's signing keys cannot be read: {}", ex.toString());
                return Mono.just(UNAVAILABLE);
            });
    }

    /** How many verified tokens are remembered. */
    public long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private Check validate(Signed signed) {
        Jwt jwt = signed.jwt();
        if (isServiceToken(jwt)) {
            return new Invalid(SERVICE_TOKEN, "service token of " + jwt.getClaimAsString("azp"));
        }
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            return invalid(result.getErrors().iterator().next().getDescription());
        }
        return signed.valid() != null ? signed.valid() : invalid("The token names no valid caller");
    }

    private Signed signed(Jwt jwt) {
        if (isServiceToken(jwt)) {
            return new Signed(jwt, null);
        }
        try {
            CurrentUser user = AccessTokens.currentUser(jwt);
            return new Signed(jwt, new Valid(jwt, user, RevocationMarks.of(jwt, user)));
        }
        catch (RuntimeException ex) {
            return new Signed(jwt, null);
        }
    }

    private boolean isServiceToken(Jwt jwt) {
        List<String> audience = jwt.getAudience();
        return audience != null && audience.contains(serviceAudience) || AccessTokens.isService(jwt);
    }

    private static Invalid invalid(@Nullable String reason) {
        return new Invalid(INVALID, reason != null ? reason : "unknown");
    }

    private static Duration untilExpiry(Jwt jwt, Clock clock) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
