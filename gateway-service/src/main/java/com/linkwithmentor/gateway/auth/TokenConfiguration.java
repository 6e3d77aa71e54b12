package com.linkwithmentor.gateway.auth;


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
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import com.linkwithmentor.common.security.AccessTokens;
import com.linkwithmentor.common.security.RevokedSessions;
import com.linkwithmentor.common.security.TokenProperties;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The same verification as every service (common-lib's key source and validators), made
 * reactive: key lookups, which may fetch the JWKS, run off the event loop; revocation is checked
 * by the filter with a non-blocking Redis call.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
class TokenConfiguration {

    @Bean
    ReactiveJwtDecoder reactiveJwtDecoder(TokenProperties properties) {
        JWKSource<SecurityContext> keys = AccessTokens.remoteKeys(properties);
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
            .withJwkSource(jwt -> Mono.fromCallable(() -> keys.get(new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())), null))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(Flux::<JWK>fromIterable))
            .jwsAlgorithm(SignatureAlgorithm.ES256)
            .build();
        // Users only: a service token (its own audience) is refused here, services call each other directly.
        decoder.setJwtValidator(AccessTokens.userValidator(properties, null));
        return decoder;
    }

    @Bean
    RevokedSessions revokedSessions(StatefulRedisConnection<String, String> redis) {
        return new RevokedSessions(redis);
    }
}
