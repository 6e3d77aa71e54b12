package com.linkwithmentor.gateway.auth;

import java.time.Clock;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import io.lettuce.core.api.StatefulRedisConnection;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;

import com.linkwithmentor.common.security.AccessTokens;
import com.linkwithmentor.common.security.RevokedSessions;
import com.linkwithmentor.common.security.TokenProperties;
import com.linkwithmentor.gateway.GatewayProperties;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The same verification as every service (common-lib's key source and validators), made
 * reactive: key lookups, which may fetch the JWKS, run off the event loop, and only for a token
 * whose signature is not yet known; revocation is checked with a non-blocking Redis call.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
class TokenConfiguration {

    @Bean
    VerifiedTokens verifiedTokens(TokenProperties properties, GatewayProperties gateway) {
        JWKSource<SecurityContext> keys = AccessTokens.remoteKeys(properties);
        NimbusReactiveJwtDecoder signatures = NimbusReactiveJwtDecoder
            .withJwkSource(jwt -> Mono.fromCallable(() -> keys.get(new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())), null))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(Flux::<JWK>fromIterable))
            .jwsAlgorithm(SignatureAlgorithm.ES256)
            .build();
        // The signature only: VerifiedTokens runs every other check on every request (users'
        // tokens only: a service token is refused at the edge, services call each other directly).
        signatures.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        return new VerifiedTokens(signatures, AccessTokens.userValidator(properties, null), properties.serviceAudience(),
                gateway.verifiedTokensKept(), Clock.systemUTC());
    }

    @Bean
    RevokedSessions revokedSessions(StatefulRedisConnection<String, String> redis) {
        return new RevokedSessions(redis);
    }
}
