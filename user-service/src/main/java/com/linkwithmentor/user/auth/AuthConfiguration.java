package com.linkwithmentor.user.auth;

import java.util.List;

import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import com.linkwithmentor.common.security.AccessTokens;
import com.linkwithmentor.common.security.RevokedSessions;
import com.linkwithmentor.common.security.TokenProperties;

/**
 * user-service verifies tokens with its own keys directly rather than through its JWKS URL, with
 * the same checks as every other service (common-lib), and hashes passwords with Argon2id.
 */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, TokenProperties properties, RevokedSessions revokedSessions) {
        JWKSource<SecurityContext> local = (JWKSelector selector, SecurityContext context) -> {
            List<com.nimbusds.jose.jwk.JWK> found = selector.select(keys.publicKeys());
            return found.isEmpty() ? selector.select(keys.publicKeysAfterUnknownKey()) : found;
        };
        return AccessTokens.decoder(local, properties, revokedSessions);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // Argon2id, 16-byte salt, 32-byte hash, 1 lane, 19 MiB, 2 iterations (OWASP's minimum profile).
        return new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    }
}
