package com.linkwithmentor.chat;

import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;

import com.linkwithmentor.testsupport.PostgresServer;
import com.linkwithmentor.testsupport.TestServers;
import com.linkwithmentor.testsupport.TestTokenIssuer;

/**
 * Runs chat-service alone from an IDE against the test servers (a fresh database on the test
 * PostgreSQL, the test Redis) and a local token issuer, and prints two users' tokens to try it
 * with, e.g. {@code websocat "ws://localhost:9082/ws/chat?access_token=..."} (the socket layer's
 * port, {@code lwm.realtime.port}; REST stays on 8082). Moderation is expected
 * at its usual address; without it messages go out marked pending.
 */
public final class TestChatServiceApplication {

    private TestChatServiceApplication() {
    }

    public static void main(String[] args) {
        PostgresServer postgres = TestServers.postgres();
        String database = postgres.createDatabase("chat_dev");
        TestTokenIssuer issuer = TestTokenIssuer.start();
        new SpringApplicationBuilder(ChatServiceApplication.class).run(concat(args,
                "--spring.datasource.url=" + postgres.jdbcUrl(database),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--lwm.redis.url=" + TestServers.redis().url(),
                "--lwm.security.jwks-url=" + issuer.jwksUrl()));
        for (int i = 1; i <= 2; i++) {
            UUID user = UUID.randomUUID();
            System.out.println("Test user " + i + ": " + user + "\n  access token: " + issuer.token(user, "mentee")
                .lifetime(java.time.Duration.ofHours(8)).sign());
        }
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
