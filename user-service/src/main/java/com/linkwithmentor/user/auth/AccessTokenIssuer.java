package com.linkwithmentor.user.auth;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.stereotype.Component;

import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.common.security.TokenClaims;
import com.linkwithmentor.common.security.TokenProperties;
import com.linkwithmentor.user.account.User;

/**
 * Signs access tokens, ES256: a user's ({@code sub}, {@code roles}, {@code active_role}, {@code sid})
 * and a service's own ({@code sub} = {@code azp} = the service, {@code scope}, the services' audience).
 */
@Component
public class AccessTokenIssuer {

    private final SigningKeys keys;

    private final TokenProperties tokens;

    private final AuthProperties properties;

    public AccessTokenIssuer(SigningKeys keys, TokenProperties tokens, AuthProperties properties) {
        this.keys = keys;
        this.tokens = tokens;
        this.properties = properties;
    }

    public String issue(User user, Role activeRole, UUID sessionId) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
            .issuer(tokens.issuer())
            .audience(tokens.audience())
            .subject(user.id().toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(properties.accessTokenTtl())))
            .jwtID(UUID.randomUUID().toString())
            .claim(TokenClaims.ROLES, user.roles().stream().sorted().map(Role::wireName).toList())
            .claim(TokenClaims.ACTIVE_ROLE, activeRole.wireName())
            .claim(TokenClaims.SESSION_ID, sessionId.toString())
            .build();
        return sign(claims);
    }

    private String sign(JWTClaimsSet claims) {
        ECKey key = keys.current();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
            .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("Could not sign an access token", ex);
        }
        return jwt.serialize();
    }

    /** A service's own token: {@code sub} = {@code azp} = {@code client_id} = the service, its scopes, no user. */
    public String issueService(String clientId, Collection<String> scopes) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
            .issuer(tokens.issuer())
            .audience(tokens.serviceAudience())
            .subject(clientId)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(properties.serviceTokenTtl())))
            .jwtID(UUID.randomUUID().toString())
            .claim(TokenClaims.AUTHORIZED_PARTY, clientId)
            .claim(TokenClaims.CLIENT_ID, clientId)
            .claim(TokenClaims.SCOPE, String.join(" ", scopes))
            .build();
        return sign(claims);
    }

    public long serviceLifetimeSeconds() {
        return properties.serviceTokenTtl().toSeconds();
    }

    public long lifetimeSeconds() {
        return properties.accessTokenTtl().toSeconds();
    }
}
