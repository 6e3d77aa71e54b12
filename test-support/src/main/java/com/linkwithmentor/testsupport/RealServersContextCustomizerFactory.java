package com.linkwithmentor.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Wires {@link RealServers} test classes to a fresh database and Redis logical database each. */
class RealServersContextCustomizerFactory implements ContextCustomizerFactory {

    private static final AtomicInteger REDIS_DATABASE = new AtomicInteger();

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, RealServers.class)) {
            return null;
        }
        return new RealServersCustomizer(testClass);
    }

    /** Equal only for the same test class, so every class gets its own context and data. */
    private record RealServersCustomizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            PostgresServer postgres = TestServers.postgres();
            String database = postgres.createDatabase(testClass.getSimpleName());
            String redisUrl = freshRedisDatabase(TestServers.redis().url());
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("lwmRealServers", Map.of(
                    "spring.datasource.url", postgres.jdbcUrl(database),
                    "spring.datasource.username", postgres.username(),
                    "spring.datasource.password", postgres.password(),
                    "lwm.redis.url", redisUrl)));
        }

        private static String freshRedisDatabase(String serverUrl) {
            RedisURI uri = RedisURI.create(serverUrl);
            uri.setDatabase(REDIS_DATABASE.getAndIncrement() % 16);
            RedisClient client = RedisClient.create(uri);
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                connection.sync().flushdb();
            }
            finally {
                client.shutdown();
            }
            return uri.toURI().toString();
        }
    }
}
