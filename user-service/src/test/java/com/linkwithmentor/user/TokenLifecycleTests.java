package com.linkwithmentor.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.linkwithmentor.user.auth.SigningKeys;

@UserServiceTest
class TokenLifecycleTests {

    @LocalServerPort
    int port;

    @Autowired
    SigningKeys keys;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void theAccessTokenCarriesRolesActiveRoleAndSessionAndVerifiesAgainstTheJwks() throws Exception {
        Api.Session user = api.newUser("mentee", "mentor");
        SignedJWT jwt = SignedJWT.parse(user.accessToken());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(claims.getSubject()).isEqualTo(user.userId().toString());
        assertThat(claims.getStringListClaim("roles")).containsExactly("mentee", "mentor");
        assertThat(claims.getStringClaim("active_role")).isEqualTo("mentee");
        assertThat(claims.getStringClaim("sid")).isNotBlank();
        assertThat(claims.getExpirationTime().toInstant()).isBefore(Instant.now().plusSeconds(15 * 60 + 5));

        Api.Reply jwks = api.get("/api/v1/auth/jwks", null).expect(200);
        JWKSet set = JWKSet.parse(jwks.raw());
        ECKey published = set.getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey();
        assertThat(published.isPrivate()).isFalse();
        assertThat(jwt.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(published))).isTrue();
    }

    @Test
    void refreshRotatesTheTokenAndAReplayRevokesTheWholeSession() {
        Api.Session user = api.newUser();
        Api.Reply first = api.post("/api/v1/auth/refresh", Map.of("refresh_token", user.refreshToken()), null).expect(200);
        String rotated = first.text("refresh_token");
        assertThat(rotated).isNotEqualTo(user.refreshToken());
        api.get("/api/v1/users/me", first.text("access_token")).expect(200);

        // Someone replays the old token: the session is revoked, so the newest tokens die too.
        api.post("/api/v1/auth/refresh", Map.of("refresh_token", user.refreshToken()), null).expectError(401, "UNAUTHORIZED");
        api.post("/api/v1/auth/refresh", Map.of("refresh_token", rotated), null).expectError(401, "UNAUTHORIZED");
        api.get("/api/v1/users/me", first.text("access_token")).expectError(401, "UNAUTHORIZED");
        api.get("/api/v1/users/me", user.accessToken()).expectError(401, "UNAUTHORIZED");

        // A fresh login is a new session and works.
        api.get("/api/v1/users/me", api.login(user.username(), user.password()).expect(200).text("access_token")).expect(200);
    }

    @Test
    void anUnknownRefreshTokenIsA401() {
        api.post("/api/v1/auth/refresh", Map.of("refresh_token", "made-up"), null).expectError(401, "UNAUTHORIZED");
        api.post("/api/v1/auth/refresh", Map.of(), null).expectError(400, "VALIDATION_ERROR");
    }

    @Test
    void logoutRevokesTheSessionAtOnceButNotOtherDevices() {
        Api.Session user = api.newUser();
        String otherDevice = api.login(user.username(), user.password()).expect(200).text("access_token");

        api.post("/api/v1/auth/logout", null, user.accessToken()).expect(204);

        api.get("/api/v1/users/me", user.accessToken()).expectError(401, "UNAUTHORIZED");
        api.post("/api/v1/auth/refresh", Map.of("refresh_token", user.refreshToken()), null).expectError(401, "UNAUTHORIZED");
        api.get("/api/v1/users/me", otherDevice).expect(200);
    }

    @Test
    void switchingToAHeldRoleIssuesATokenForItAndToAnotherIsForbidden() throws Exception {
        Api.Session user = api.newUser("mentee", "mentor");
        Api.Reply switched = api.post("/api/v1/auth/switch-role", Map.of("role", "mentor"), user.accessToken()).expect(200);

        assertThat(switched.text("active_role")).isEqualTo("mentor");
        SignedJWT jwt = SignedJWT.parse(switched.text("access_token"));
        assertThat(jwt.getJWTClaimsSet().getStringClaim("active_role")).isEqualTo("mentor");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("sid"))
            .isEqualTo(SignedJWT.parse(user.accessToken()).getJWTClaimsSet().getStringClaim("sid"));

        api.post("/api/v1/auth/switch-role", Map.of("role", "admin"), user.accessToken()).expectError(403, "FORBIDDEN");
        api.post("/api/v1/auth/switch-role", Map.of("role", "pilot"), user.accessToken()).expectError(400, "VALIDATION_ERROR");

        // The session's refresh keeps the switched role.
        Api.Reply refreshed = api.post("/api/v1/auth/refresh", Map.of("refresh_token", user.refreshToken()), null).expect(200);
        assertThat(refreshed.text("active_role")).isEqualTo("mentor");
    }

    @Test
    void anExpiredOrForeignTokenIsRefused() throws Exception {
        Api.Session user = api.newUser();
        ECKey key = keys.current();
        String expired = sign(key, user.userId(), Instant.now().minusSeconds(3600), Instant.now().minusSeconds(60));
        api.get("/api/v1/users/me", expired).expectError(401, "UNAUTHORIZED");

        ECKey foreign = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
            .keyID(key.getKeyID()).generate();
        String forged = sign(foreign, user.userId(), Instant.now(), Instant.now().plusSeconds(600));
        api.get("/api/v1/users/me", forged).expectError(401, "UNAUTHORIZED");

        String valid = sign(key, user.userId(), Instant.now(), Instant.now().plusSeconds(600));
        api.get("/api/v1/users/me", valid).expect(200);
    }

    @Test
    void aRotatedKeySignsNewTokensWhileOldOnesStayValid() {
        Api.Session user = api.newUser();
        keys.rotate();
        String afterRotation = api.login(user.username(), user.password()).expect(200).text("access_token");

        api.get("/api/v1/users/me", user.accessToken()).expect(200);
        api.get("/api/v1/users/me", afterRotation).expect(200);
        assertThat(api.get("/api/v1/auth/jwks", null).body().path("keys").size()).isGreaterThanOrEqualTo(2);
    }

    private String sign(ECKey key, UUID userId, Instant issuedAt, Instant expiresAt) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(userId.toString())
            .issuer("linkwithmentor-user-service").audience("linkwithmentor")
            .issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt))
            .claim("roles", List.of("mentee")).claim("active_role", "mentee").claim("sid", UUID.randomUUID().toString())
            .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
