package com.linkwithmentor.realtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.linkwithmentor.realtime.sample.SampleSocketApplication;
import com.linkwithmentor.testsupport.SocketClient;
import com.linkwithmentor.testsupport.TestTokenIssuer;

/**
 * Instances of the sample socket service in this JVM, each a Spring context with its own socket
 * server, sharing one Redis and one token issuer, as pods of one deployment do.
 */
final class SocketCluster implements AutoCloseable {

    private final TestTokenIssuer issuer;

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    private final Map<String, Object> properties;

    private SocketCluster(TestTokenIssuer issuer, Map<String, Object> properties) {
        this.issuer = issuer;
        this.properties = properties;
    }

    static SocketCluster start(int count, String redisUrl, Map<String, Object> overrides) {
        TestTokenIssuer issuer = TestTokenIssuer.start();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.main.web-application-type", "none");
        properties.put("spring.main.banner-mode", "off");
        properties.put("lwm.realtime.port", "0");
        properties.put("lwm.redis.url", redisUrl);
        properties.put("lwm.security.jwks-url", issuer.jwksUrl());
        properties.put("lwm.security.jwks-min-refresh-interval", "0s");
        properties.putAll(overrides);
        SocketCluster cluster = new SocketCluster(issuer, properties);
        for (int i = 0; i < count; i++) {
            cluster.instances.add(startInstance(properties));
        }
        return cluster;
    }

    private static ConfigurableApplicationContext startInstance(Map<String, Object> properties) {
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
        return new SpringApplicationBuilder(SampleSocketApplication.class).run(args);
    }

    int port(int instance) {
        return instances.get(instance).getBean(RealtimeServer.class).port();
    }

    <T> T bean(int instance, Class<T> type) {
        return instances.get(instance).getBean(type);
    }

    /** Stops one instance the way Kubernetes does (its context closes: the sockets drain). */
    void stop(int instance) {
        instances.get(instance).close();
    }

    TestTokenIssuer issuer() {
        return issuer;
    }

    String token(UUID user) {
        return issuer.token(user, "mentee").sign();
    }

    /** A new user's socket on the instance, after its {@code ready}. */
    SocketClient connect(int instance) {
        return connect(instance, UUID.randomUUID(), "");
    }

    SocketClient connect(int instance, UUID user, String query) {
        SocketClient client = SocketClient.open(port(instance), "/ws/echo?access_token=" + token(user) + query);
        client.awaitType("ready");
        return client;
    }

    @Override
    public void close() {
        instances.forEach(ConfigurableApplicationContext::close);
        issuer.close();
    }
}
