package com.linkwithmentor.common.security;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.BadJwtException;

import com.linkwithmentor.testsupport.TestServers;
import com.linkwithmentor.testsupport.TestTokenIssuer;

/** Token checks against a real JWKS endpoint and real Redis. */
class AccessTokenVerificationTests {

    static TestTokenIssuer issuer;

    static RedisClient redisClient;

    static StatefulRedisConnection<String, String> redis;

    static RevokedSessions revoked;

    static JwtDecoder decoder;

    final UUID userId = UUID.randomUUID();

    static TokenProperties properties;

    @BeforeAll
    static void start() {
        issuer = TestTokenIssuer.start();
        redisClient = RedisClient.create(TestServers.redis().url());
        redis = redisClient.connect();
        revoked = new RevokedSessions(redis);
        properties = new TokenProperties(URI.create(issuer.jwksUrl()), TestTokenIssuer.ISSUER,
                TestTokenIssuer.AUDIENCE, TestTokenIssuer.SERVICE_AUDIENCE, Duration.ofMinutes(5), Duration.ZERO, Duration.ofSeconds(5), List.of());
        decoder = AccessTokens.decoder(AccessTokens.remoteKeys(properties), properties, revoked);
    }

    @AfterAll
    static void stop() {
        redis.close();
        redisClient.shutdown();
        issuer.close();
    }

    @Test
    void aGoodTokenYieldsTheCurrentUser() {
        Jwt jwt = decoder.decode(issuer.token(userId, "mentor").roles("mentee", "mentor").sign());
        CurrentUser user = AccessTokens.currentUser(jwt);
        assertThat(user.id()).isEqualTo(userId);
        assertThat(user.roles()).containsExactlyInAnyOrder(Role.MENTEE, Role.MENTOR);
        assertThat(user.activeRole()).isEqualTo(Role.MENTOR);
        assertThat(user.sessionId()).isNotBlank();
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = issuer.token(userId, "mentee").issuedAt(Instant.now().minus(Duration.ofHours(1)))
            .lifetime(Duration.ofMinutes(15)).sign();
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
            .hasMessageContaining("expired");
    }

    @Test
    void aTokenSignedWithAnUnpublishedKeyIsRefused() {
        String token = issuer.token(userId, "mentee").signedWithUnknownKey().sign();
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        String token = issuer.token(userId, "mentee").issuer("https://evil.example").sign();
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
            .hasMessageContaining("iss");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        String token = issuer.token(userId, "mentee").audience("some-other-app").sign();
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void anActiveRoleTheUserDoesNotHoldIsRefused() {
        String token = issuer.token(userId, "admin").roles("mentee").sign();
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
            .hasMessageContaining("active role");
    }

    @Test
    void aRevokedSessionIsRefusedAtOnceWhileOtherSessionsWork() {
        TestTokenIssuer.Token loggedOut = issuer.token(userId, "mentee");
        String token = loggedOut.sign();
        String otherDevice = issuer.token(userId, "mentee").sign();
        assertThat(decoder.decode(token).getSubject()).isEqualTo(userId.toString());

        revoked.revokeSession(loggedOut.sessionId(), Duration.ofMinutes(20));

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
            .hasMessageContaining("revoked");
        assertThat(decoder.decode(otherDevice).getSubject()).isEqualTo(userId.toString());
    }

    @Test
    void aSuspendedUsersEarlierTokensAreAllRefusedButLaterOnesWork() {
        String before = issuer.token(userId, "mentee").issuedAt(Instant.now().minusSeconds(60)).sign();
        revoked.revokeUserTokensIssuedBefore(userId, Instant.now().minusSeconds(1), Duration.ofMinutes(20));
        assertThatThrownBy(() -> decoder.decode(before)).isInstanceOf(JwtValidationException.class);

        String after = issuer.token(userId, "mentee").issuedAt(Instant.now().plusSeconds(1)).sign();
        assertThat(decoder.decode(after).getSubject()).isEqualTo(userId.toString());
    }

    @Test
    void keysAreCachedAndRefetchedWhenATokenNamesANewKey() {
        decoder.decode(issuer.token(userId, "mentee").sign());
        int fetches = issuer.jwksRequests();
        decoder.decode(issuer.token(userId, "mentee").sign());
        assertThat(issuer.jwksRequests()).as("cached keys serve a second token").isEqualTo(fetches);

        issuer.rotateKey();
        Jwt rotated = decoder.decode(issuer.token(userId, "mentee").sign());

        assertThat(rotated.getSubject()).isEqualTo(userId.toString());
        assertThat(issuer.jwksRequests()).as("an unknown kid triggers one refetch").isEqualTo(fetches + 1);
    }
    @Test
    void aServiceTokenYieldsTheCallingServiceAndItsScopes() {
        Jwt jwt = decoder.decode(issuer.serviceToken("chat-service", "moderation:analyze", "users:read").sign());
        assertThat(AccessTokens.caller(jwt)).isEqualTo(
                new ServiceCaller("chat-service", java.util.Set.of("moderation:analyze", "users:read")));
    }

    @Test
    void thePublicEdgeAcceptsOnlyUsersTokens() {
        OAuth2TokenValidator<Jwt> edge = AccessTokens.userValidator(properties, null);
        Jwt service = decoder.decode(issuer.serviceToken("chat-service", "moderation:analyze").sign());
        Jwt user = decoder.decode(issuer.token(userId, "mentee").sign());
        assertThat(edge.validate(service).hasErrors()).isTrue();
        assertThat(edge.validate(service).getErrors().iterator().next().getDescription()).contains("service token");
        assertThat(edge.validate(user).hasErrors()).isFalse();
    }

    @Test
    void aServiceTokenForTheUsersAudienceIsRefused() {
        String forged = issuer.serviceToken("chat-service", "moderation:analyze").audience(TestTokenIssuer.AUDIENCE).sign();
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void aUserTokenForTheServicesAudienceIsRefused() {
        String forged = issuer.token(userId, "admin").roles("admin").audience(TestTokenIssuer.SERVICE_AUDIENCE).sign();
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtValidationException.class)
            .hasMessageContaining("service token");
    }

    @Test
    void anExpiredServiceTokenIsRefused() {
        String token = issuer.serviceToken("chat-service").issuedAt(Instant.now().minus(Duration.ofHours(1))).sign();
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
            .hasMessageContaining("expired");
    }

    @Test
    void aCachedTokenIsStillRefusedOnceItExpires() {
        String token = issuer.token(userId, "mentee").issuedAt(Instant.now().minusSeconds(28))
            .lifetime(Duration.ofSeconds(30)).sign();
        // Valid for two more seconds (plus the 5 s skew): accepted and cached, then refused all the same.
        assertThat(decoder.decode(token).getSubject()).isEqualTo(userId.toString());
        await().atMost(10, SECONDS).untilAsserted(
                () -> assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class));
    }
}
