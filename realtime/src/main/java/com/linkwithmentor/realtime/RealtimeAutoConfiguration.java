package com.linkwithmentor.realtime;

import java.time.Clock;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.linkwithmentor.common.redis.RealtimePublisher;
import com.linkwithmentor.common.redis.RedisAutoConfiguration;
import com.linkwithmentor.common.redis.RedisProperties;
import com.linkwithmentor.common.security.AccessTokens;
import com.linkwithmentor.common.security.RevokedSessions;
import com.linkwithmentor.common.security.ServletSecurityAutoConfiguration;
import com.linkwithmentor.common.security.TokenProperties;

import tools.jackson.databind.json.JsonMapper;

/**
 * The socket layer for a service that declares {@link SocketEndpoint} beans: the server, the
 * connection registry, the executors, and room hubs on one Pub/Sub connection.
 */
@AutoConfiguration(after = { RedisAutoConfiguration.class, ServletSecurityAutoConfiguration.class })
@EnableConfigurationProperties({ RealtimeProperties.class, TokenProperties.class })
public class RealtimeAutoConfiguration {

    @Bean(destroyMethod = "close")
    RealtimeExecutors realtimeExecutors(RealtimeProperties properties) {
        return new RealtimeExecutors(properties);
    }

    @Bean
    Connections realtimeConnections(RealtimeProperties properties) {
        return new Connections(properties);
    }

    @Bean(destroyMethod = "close")
    PubSub realtimePubSub(RedisClient client, RealtimeExecutors executors) {
        return new PubSub(client, executors);
    }

    @Bean
    RoomHubs roomHubs(PubSub pubsub, RealtimePublisher publisher, RealtimeExecutors executors,
            RedisProperties redis) {
        return new RoomHubs(pubsub, publisher, executors, redis.commandTimeout());
    }

    /**
     * The socket's token check: common-lib's JWKS keys and user-token validators (signature,
     * expiry, issuer, audience, user claims, revocation), but not its verified-token cache, which
     * pays off for a token used on many requests; a socket's token is checked once per connection,
     * and caching 10,000 of them would cost more heap than all the sockets.
     */
    @Bean
    RealtimeServer realtimeServer(RealtimeProperties properties, List<SocketEndpoint<?, ?>> endpoints,
            TokenProperties tokens, ObjectProvider<RevokedSessions> revokedSessions, JsonMapper json,
            ObjectProvider<jakarta.validation.Validator> validator, Connections connections,
            RealtimeExecutors executors, ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> meters) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(AccessTokens.remoteKeys(tokens))
            .jwsAlgorithm(SignatureAlgorithm.ES256).build();
        decoder.setJwtValidator(AccessTokens.userValidator(tokens, revokedSessions.getIfAvailable()));
        FrameReader reader = new FrameReader(json, validator.getIfAvailable(), properties.maxNesting(),
                properties.maxFrameBytes().toBytes());
        return new RealtimeServer(properties, endpoints, reader, decoder, json, connections, executors,
                clock.getIfAvailable(Clock::systemUTC), meters.getIfAvailable(SimpleMeterRegistry::new));
    }
}
