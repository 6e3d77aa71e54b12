package com.linkwithmentor.common.security;

import static org.assertj.core.api.Assertions.assertThat;
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

    @BeforeAll
    static void start() {
        issuer = TestTokenIssuer.start();
        redisClient = RedisClient.create(TestServers.redis().url());
        redis = redisClient.connect();
        revoked = new RevokedSessions(redis);
        TokenProperties properties = new TokenProperties(URI.create(issuer.jwksUrl()), TestTokenIssuer.ISSUER,
                TestTokenIssuer.AUDIENCE, Duration.ofMinutes(5), Duration.ZERO, Duration.ofSeconds(5), List.of());
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
}
