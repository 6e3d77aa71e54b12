package com.linkwithmentor.common.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One Lettuce client and one shared, thread-safe connection per service (Lettuce multiplexes
 * commands over it), plus the Pub/Sub helpers and a health indicator. Commands issued while Redis
 * is away fail after the command timeout instead of queueing without bound.
 */
@AutoConfiguration
@EnableConfigurationProperties(RedisProperties.class)
public class RedisAutoConfiguration {

    /**
     * Lettuce's threads and timers, with reconnect attempts capped at one a second (its default
     * backs off to 30 s): after a Redis restart, Pub/Sub fan-out and streams resume within a second.
     */
    @Bean(destroyMethod = "shutdown")
    @ConditionalOnMissingBean
    ClientResources lwmRedisClientResources() {
        return DefaultClientResources.builder()
            .reconnectDelay(Delay.exponential(Duration.ofMillis(20), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
            .build();
    }

    @Bean(destroyMethod = "shutdown")
    @ConditionalOnMissingBean
    RedisClient lwmRedisClient(RedisProperties properties, ClientResources resources) {
        RedisURI uri = RedisURI.create(properties.url());
        uri.setTimeout(properties.commandTimeout());
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled())
            .build());
        return client;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    StatefulRedisConnection<String, String> lwmRedisConnection(RedisClient client) {
        return client.connect();
    }

    @Bean
    @ConditionalOnMissingBean
    RealtimePublisher realtimePublisher(StatefulRedisConnection<String, String> connection) {
        return new RealtimePublisher(connection);
    }

    @Bean
    @ConditionalOnMissingBean
    TokenBucket tokenBucket(StatefulRedisConnection<String, String> connection) {
        return new TokenBucket(connection);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RealtimeSubscriber realtimeSubscriber(RedisClient client) {
        return new RealtimeSubscriber(client);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(AbstractHealthIndicator.class)
    static class RedisHealth {

        @Bean
        AbstractHealthIndicator redisHealthIndicator(StatefulRedisConnection<String, String> connection) {
            return new AbstractHealthIndicator("Redis health check failed") {
                @Override
                protected void doHealthCheck(Health.Builder builder) {
                    builder.up().withDetail("ping", connection.sync().ping());
                }
            };
        }
    }
}
