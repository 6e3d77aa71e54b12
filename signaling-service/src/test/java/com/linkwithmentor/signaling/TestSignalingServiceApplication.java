package com.linkwithmentor.signaling;

import java.time.Duration;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;

import com.linkwithmentor.testsupport.PostgresServer;
import com.linkwithmentor.testsupport.TestServers;
import com.linkwithmentor.testsupport.TestTokenIssuer;

/**
 * Runs signaling-service alone from an IDE against the test servers (a fresh database on the test
 * PostgreSQL, the test Redis) and a local token issuer, with coturn when it is installed, and
 * prints two users' tokens. Sessions and conversations are expected from meeting- and
 * chat-service at their usual addresses.
 */
public final class TestSignalingServiceApplication {

    private TestSignalingServiceApplication() {
    }

    public static void main(String[] args) {
        PostgresServer postgres = TestServers.postgres();
        String database = postgres.createDatabase("signaling_dev");
        TestTokenIssuer issuer = TestTokenIssuer.start();
        String redis = TestServers.redis().url();
        TurnServer turn = TurnServer.installed() ? TurnServer.start(redis) : null;
        new SpringApplicationBuilder(SignalingServiceApplication.class).run(concat(args,
                "--spring.datasource.url=" + postgres.jdbcUrl(database),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--lwm.redis.url=" + redis,
                "--lwm.security.jwks-url=" + issuer.jwksUrl(),
                "--lwm.signaling.turn.urls=" + (turn != null ? turn.url() : ""),
                "--lwm.signaling.turn.realm=" + TurnServer.REALM));
        for (int i = 1; i <= 2; i++) {
            UUID user = UUID.randomUUID();
            System.out.println("Test user " + i + ": " + user + "\n  access token: "
                    + issuer.token(user, "mentee").lifetime(Duration.ofHours(8)).sign());
        }
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
