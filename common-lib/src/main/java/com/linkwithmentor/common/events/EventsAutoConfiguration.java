package com.linkwithmentor.common.events;

import java.time.Duration;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.linkwithmentor.common.redis.RedisAutoConfiguration;

import tools.jackson.databind.json.JsonMapper;

/**
 * Durable events for services with a database: the outbox writer and relay, and a consumer per
 * {@link StreamSubscription} bean. The outbox tables come from {@code classpath:db/outbox}, which
 * the service lists in {@code spring.flyway.locations}.
 */
@AutoConfiguration(after = RedisAutoConfiguration.class, afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration" })
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnBean({ JdbcTemplate.class, PlatformTransactionManager.class })
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {

    @Bean
    @ConditionalOnProperty(prefix = "lwm.events", name = "relay-enabled", havingValue = "true", matchIfMissing = true)
    OutboxRelay outboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
            StatefulRedisConnection<String, String> redis, EventsProperties properties) {
        return new OutboxRelay(jdbc, new TransactionTemplate(transactionManager), redis, properties);
    }

    @Bean
    OutboxWriter outboxWriter(JdbcTemplate jdbc, JsonMapper jsonMapper, EventsProperties properties,
            Environment environment, ObjectProvider<OutboxRelay> relay, ObjectProvider<ObservationRegistry> observations) {
        String producer = properties.producer() != null ? properties.producer() : applicationName(environment);
        return new OutboxWriter(jdbc, jsonMapper, producer, () -> relay.ifAvailable(OutboxRelay::nudge),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    StreamConsumers streamConsumers(ObjectProvider<StreamSubscription> subscriptions, RedisClient redisClient,
            JdbcTemplate jdbc, PlatformTransactionManager transactionManager, JsonMapper jsonMapper,
            EventsProperties properties, Environment environment, ObjectProvider<ObservationRegistry> observations) {
        ObservationRegistry registry = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        String group = properties.consumerGroup() != null ? properties.consumerGroup() : applicationName(environment);
        String consumerName = group + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        return new StreamConsumers(subscriptions.orderedStream()
            .map(subscription -> new StreamConsumer(subscription, group, consumerName, redisClient, jdbc, transactions,
                    jsonMapper, properties, registry))
            .toList());
    }

    /** Outbox and consumer lag as gauges ({@link EventMetrics}). */
    @Bean
    MeterBinder lwmEventMetrics(JdbcTemplate jdbc, StatefulRedisConnection<String, String> redis, StreamConsumers consumers) {
        return new EventMetrics(jdbc, redis, consumers.consumers(), Duration.ofSeconds(5));
    }

    private static String applicationName(Environment environment) {
        return environment.getProperty("spring.application.name", "application");
    }
}
